"""The `trasparenza` command: `validate`, `schema`, `check-a11y`, `check-at` (`main`); `esporta`, `importa`,
`nuovo` (`data_commands`, `new_record`); argparse in Italian (`argparse_it`).
"""
