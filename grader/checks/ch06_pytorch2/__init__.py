"""Checks of chapter 6: PyTorch 2 for TensorFlow users (compile, optimizers and schedules, losses,
hooks, collate functions, distributed training)."""
