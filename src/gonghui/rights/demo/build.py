def build_cases(ctx):
    pass
