print("raising")
raise SyntaxError(12345)
