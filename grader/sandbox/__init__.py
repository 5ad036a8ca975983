"""The sandbox: worker processes that load one exercise file and run calls on request.

``worker`` is the code that runs inside the worker (and so beside learner code); ``host`` is the
grader-side handle that starts, feeds, times and kills a worker; ``wire`` is what crosses between
them. Learner results come back through ``torch.load(weights_only=True)``: data, never code.
"""
