"""Realistic learner answers for exercises/01_tensors/01_factories.py (make_tensor)."""
import torch

_KINDS = ("empty", "zeros", "ones", "rand", "randn")


# --------------------------------------------------------------------------- right


def right__make_tensor__if_chain_keywords(kind: str, shape: tuple[int, ...],
                                          dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """alternative | an if/elif chain calling each factory with size= and dtype= keywords instead of a dict"""
    if kind == "empty":
        return torch.empty(size=shape, dtype=dtype)
    elif kind == "zeros":
        return torch.zeros(size=shape, dtype=dtype)
    elif kind == "ones":
        return torch.ones(size=shape, dtype=dtype)
    elif kind == "rand":
        return torch.rand(size=shape, dtype=dtype)
    elif kind == "randn":
        return torch.randn(size=shape, dtype=dtype)
    raise ValueError(f"unknown kind {kind!r}; expected one of {_KINDS}")


def right__make_tensor__empty_then_fill(kind: str, shape: tuple[int, ...],
                                        dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """alternative | allocates with torch.empty and fills in place (zero_, fill_, uniform_, normal_), same global RNG draws as rand/randn"""
    if kind not in _KINDS:
        raise ValueError(f"unknown kind: {kind}")
    t = torch.empty(shape, dtype=dtype)
    if kind == "zeros":
        t.zero_()
    elif kind == "ones":
        t.fill_(1)
    elif kind == "rand":
        t.uniform_(0.0, 1.0)
    elif kind == "randn":
        t.normal_(0.0, 1.0)
    return t


def right__make_tensor__match_full(kind: str, shape: tuple[int, ...],
                                   dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """alternative | a match statement, with torch.full for zeros/ones and torch.normal(mean, std, size) for randn"""
    match kind:
        case "empty":
            return torch.empty(shape, dtype=dtype)
        case "zeros":
            return torch.full(shape, 0, dtype=dtype)
        case "ones":
            return torch.full(shape, 1, dtype=dtype)
        case "rand":
            return torch.rand(shape, dtype=dtype)
        case "randn":
            return torch.normal(0.0, 1.0, size=shape, dtype=dtype)
        case _:
            raise ValueError("kind must be empty, zeros, ones, rand or randn")


def right__make_tensor__getattr_whitelist(kind: str, shape: tuple[int, ...],
                                          dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """alternative | validates kind against a whitelist then looks the factory up with getattr(torch, kind)"""
    if not isinstance(kind, str) or kind not in {"empty", "zeros", "ones", "rand", "randn"}:
        raise ValueError(kind)
    factory = getattr(torch, kind)
    return factory(shape, dtype=dtype)


# --------------------------------------------------------------------------- wrong


def wrong__make_tensor__unpacked_shape(kind: str, shape: tuple[int, ...],
                                       dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """subtle | unpacks the shape (torch.zeros(*shape)), which breaks for the 0-d shape () with a TypeError | differs when: make_tensor("zeros", ()) raises TypeError instead of returning tensor(0.)"""
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](*shape, dtype=dtype)


def wrong__make_tensor__keyerror_for_unknown_kind(kind: str, shape: tuple[int, ...],
                                                  dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """subtle | an unknown kind falls through to a dict lookup and raises KeyError, not the ValueError the docstring asks for | differs when: make_tensor("full", (2,)) raises KeyError instead of ValueError"""
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    return factories[kind](shape, dtype=dtype)


def wrong__make_tensor__positional_dtype(kind: str, shape: tuple[int, ...],
                                         dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """tf-habit | passes dtype positionally as in tf.zeros(shape, dtype); torch factories take dtype only as a keyword, so every call raises TypeError | differs when: make_tensor("zeros", (2, 3), torch.int64) raises TypeError instead of a 2x3 int64 zero tensor"""
    if kind == "empty":
        return torch.empty(shape, dtype)
    if kind == "zeros":
        return torch.zeros(shape, dtype)
    if kind == "ones":
        return torch.ones(shape, dtype)
    if kind == "rand":
        return torch.rand(shape, dtype)
    if kind == "randn":
        return torch.randn(shape, dtype)
    raise ValueError(kind)


def wrong__make_tensor__normal_ignores_dtype(kind: str, shape: tuple[int, ...],
                                             dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """tf-habit | writes randn as torch.normal(0., 1., size=shape) like tf.random.normal(shape, 0, 1) and forgets dtype=, so randn is always float32 | differs when: make_tensor("randn", (3,), torch.float64) returns float32 instead of float64"""
    if kind == "empty":
        return torch.empty(shape, dtype=dtype)
    if kind == "zeros":
        return torch.zeros(shape, dtype=dtype)
    if kind == "ones":
        return torch.ones(shape, dtype=dtype)
    if kind == "rand":
        return torch.rand(shape, dtype=dtype)
    if kind == "randn":
        return torch.normal(0.0, 1.0, size=shape)
    raise ValueError(kind)


def wrong__make_tensor__rand_is_normal(kind: str, shape: tuple[int, ...],
                                       dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """beginner | maps "rand" to torch.randn (reads rand as 'random normal'), so the values are not uniform on [0, 1) and can be negative | differs when: make_tensor("rand", (1000,)) has negative values (min < 0) instead of all in [0, 1)"""
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.randn, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(f"unknown kind {kind}")
    return factories[kind](shape, dtype=dtype)


def wrong__make_tensor__legacy_tensor_ctor(kind: str, shape: tuple[int, ...],
                                           dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """old-api | builds everything from the legacy torch.Tensor(*shape) constructor then casts; torch.Tensor() with no sizes is an empty 1-d tensor, so the 0-d shape () gives shape (0,) | differs when: make_tensor("ones", ()) returns shape (0,) instead of the 0-d tensor(1.)"""
    if kind not in ("empty", "zeros", "ones", "rand", "randn"):
        raise ValueError(kind)
    t = torch.Tensor(*shape)
    if kind == "zeros":
        t.zero_()
    elif kind == "ones":
        t.fill_(1)
    elif kind == "rand":
        t.uniform_()
    elif kind == "randn":
        t.normal_()
    return t.type(dtype)


def wrong__make_tensor__scalar_shape_promoted(kind: str, shape: tuple[int, ...],
                                              dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """subtle | 'guards' the empty tuple by replacing () with (1,), so a 0-d request gets a 1-element 1-d tensor | differs when: make_tensor("zeros", ()) returns shape (1,) instead of shape ()"""
    if not shape:
        shape = (1,)
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)


def wrong__make_tensor__case_insensitive_kind(kind: str, shape: tuple[int, ...],
                                              dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """subtle | lower-cases and strips kind before the lookup, so kinds outside the five names ("Zeros", " ones") are accepted instead of raising ValueError | differs when: make_tensor("ZEROS", (2,)) returns tensor([0., 0.]) instead of raising ValueError"""
    kind = kind.strip().lower()
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)
