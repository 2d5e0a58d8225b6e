print("pretending")
raise MemoryError("not really")
