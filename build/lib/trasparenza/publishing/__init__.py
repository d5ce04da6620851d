"""Publishing: a built site replaced as one transaction (`transaction`), and the forked workers that use
every core of a large build (`parallel`).
"""
