CAMPI: dict = {}  # placeholder until the glossary is written
