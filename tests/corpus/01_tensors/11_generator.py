"""Realistic learner answers for exercises/01_tensors/11_generator.py (seeded_uniform)."""
import numpy as np
import torch


# --------------------------------------------------------------------------- right


def right__seeded_uniform__chained_generator(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """alternative | one expression: Generator.manual_seed returns the generator, passed straight to torch.rand"""
    return torch.rand(shape, generator=torch.Generator(device="cpu").manual_seed(seed))


def right__seeded_uniform__empty_uniform_(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """alternative | allocates with torch.empty and fills with uniform_(0, 1, generator=g) from a seeded private generator"""
    g = torch.Generator()
    g.manual_seed(seed)
    return torch.empty(shape).uniform_(0.0, 1.0, generator=g)


def right__seeded_uniform__fork_rng(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """alternative | reseeds the global generator inside torch.random.fork_rng(), which saves and restores the CPU (and CUDA) RNG state on exit"""
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        return torch.rand(shape)


# --------------------------------------------------------------------------- wrong


def wrong__seeded_uniform__global_seed(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """tf-habit | torch.manual_seed(seed) then torch.rand, like tf.random.set_seed: the values are right, but the global stream is reset for the rest of the program | differs when: torch.manual_seed(0); seeded_uniform(7, (3,)); torch.rand(1) returns the 4th draw of seed 7 instead of the 1st draw of seed 0"""
    torch.manual_seed(seed)
    return torch.rand(shape)


def wrong__seeded_uniform__restore_initial_seed(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """subtle | 'restores' the global generator with torch.manual_seed(torch.initial_seed()): that restarts the global stream from its seed instead of putting back its current state | differs when: torch.manual_seed(0); torch.rand(1); seeded_uniform(7, (3,)); torch.rand(1) repeats the first draw of seed 0 instead of giving the second"""
    old_seed = torch.initial_seed()
    torch.manual_seed(seed)
    values = torch.rand(shape)
    torch.manual_seed(old_seed)
    return values


def wrong__seeded_uniform__cached_generator(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """subtle | caches one generator per seed to avoid re-creating it, so a second call with the same seed continues the stream instead of starting over | differs when: seeded_uniform(7, (3,)) called twice returns different values the second time"""
    gen = _GENERATORS.get(seed)
    if gen is None:
        gen = torch.Generator().manual_seed(seed)
        _GENERATORS[seed] = gen
    return torch.rand(shape, generator=gen)


_GENERATORS: dict = {}


def wrong__seeded_uniform__numpy_random_state(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """beginner | uses a private NumPy RandomState(seed) instead of a torch.Generator: the values are not those of torch.rand after torch.manual_seed(seed) and come back as float64 | differs when: seeded_uniform(0, (3,)) gives float64 values 0.5488, 0.7152, 0.6028 instead of float32 0.4963, 0.7682, 0.0885"""
    rs = np.random.RandomState(seed)
    return torch.from_numpy(np.asarray(rs.random_sample(shape)))


def wrong__seeded_uniform__randn_typo(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """beginner | seeds a private generator correctly but draws with torch.randn (normal) instead of torch.rand (uniform on [0, 1)) | differs when: seeded_uniform(0, (3,)) gives 1.5410, -0.2934, -2.1788 instead of 0.4963, 0.7682, 0.0885"""
    g = torch.Generator()
    g.manual_seed(seed)
    return torch.randn(shape, generator=g)


def wrong__seeded_uniform__unpacked_shape(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    """subtle | unpacks the shape, torch.rand(*shape, generator=g): the 0-d shape () leaves no size argument and raises TypeError | differs when: seeded_uniform(0, ()) raises TypeError instead of returning tensor(0.4963)"""
    g = torch.Generator()
    g.manual_seed(seed)
    return torch.rand(*shape, generator=g)
