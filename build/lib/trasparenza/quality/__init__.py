"""Quality: checks of a built site — accessibility in a real browser with three engines and a keyboard walk
(`a11y`, `engines`, `keyboard`, `accepted`, `report`), ANAC's crawler (`anac`) and AgID's audits (`agid`).
"""
