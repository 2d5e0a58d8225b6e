import sys

print("huge")
sys.exit(2**70 + 3)
