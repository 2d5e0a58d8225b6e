class Stubborn(Exception):
    def __str__(self):
        raise RuntimeError("no text for you")


print("before")
raise Stubborn("hidden")
