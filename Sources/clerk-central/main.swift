print("clerk-central")
