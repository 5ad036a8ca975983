"""Checks of chapter 5: CIFAR-10 on a GPU, saving and loading."""
