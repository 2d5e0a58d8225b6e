import sys

print("file name:", __file__.rsplit("/", 1)[-1])
print("module name:", __name__)
print("argv:", sys.argv)
print("argv[0] names the script:", sys.argv[0].rsplit("/", 1)[-1] == __file__.rsplit("/", 1)[-1])


def main():
    print("running as a script, not imported")


if __name__ == "__main__":
    main()
else:
    print("imported as a module")
