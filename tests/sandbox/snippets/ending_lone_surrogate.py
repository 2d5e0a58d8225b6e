print("surrogate next")
raise ValueError("bad \ud800 text")
