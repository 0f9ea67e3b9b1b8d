"""Case registries, one module per area. Tests parametrize over them with `ids=str`."""
