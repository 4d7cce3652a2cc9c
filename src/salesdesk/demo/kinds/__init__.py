"""One generator module per kind of demo department; each exposes `build(year, rng) -> Tables`."""
