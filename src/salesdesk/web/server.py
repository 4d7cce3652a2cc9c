"""`salesdesk serve`: gunicorn, started through its Python API, in front of the Django app.

Before the workers start, the master applies pending migrations (bootstrap.setup), collects
the static files into STATIC_ROOT (hashed and compressed, served by WhiteNoise) and closes its
database connections, so no worker inherits one.

On Linux each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads
new connections over them. On one shared socket, whichever worker wakes first takes the
connection, and keep-alive connections (a browser's, or a proxy's pool) stay where they landed:
under web_bench.py one worker did three times the other's work, and since a worker runs one
thread at a time (the GIL), the loaded one set everybody's latency while the other core idled.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

INSECURE_KEY_PREFIX = "salesdesk-insecure"


@dataclass(frozen=True)
class ServerOptions:
    host: str
    port: int
    workers: int
    threads: int
    timeout: int

    @property
    def bind(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def gunicorn(self) -> dict[str, Any]:
        return {
            "bind": self.bind,
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": "gthread",
            "timeout": self.timeout,
            "graceful_timeout": 20,
            "keepalive": 5,
            # one socket per worker (see the module's docstring); Linux spreads connections
            # over such sockets, other systems hand them all to one of them
            "reuse_port": sys.platform.startswith("linux"),
            "preload_app": True,
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "salesdesk",
            "forwarded_allow_ips": "127.0.0.1,::1",
        }


class PortInUse(OSError):
    """Something already listens on the address `salesdesk serve` was asked to use."""


def check_port_free(options: ServerOptions) -> None:
    """Refuse an address another server holds. The workers' sockets share their port with any
    socket that also sets SO_REUSEPORT (a second `salesdesk serve` started by mistake), and would
    then silently split the traffic with it; a bind without it fails on any listener at all
    (SO_REUSEADDR, as gunicorn sets it, only lets it past the closed connections of a server
    just stopped)."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((options.host, options.port))
        except OSError as error:
            raise PortInUse(f"{options.bind}: {error.strerror or error}") from error


class Server(BaseApplication):
    """A gunicorn application serving salesdesk.web.wsgi."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.gunicorn().items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        from salesdesk.web.wsgi import application

        return application


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def warnings() -> list[str]:
    """What an operator should fix before going live."""
    from django.conf import settings

    found = []
    if settings.SECRET_KEY.startswith(INSECURE_KEY_PREFIX):
        found.append("SALESDESK_SECRET_KEY 未设置：正在使用开发用密钥，请设置一个长随机值。")
    if settings.DEBUG:
        found.append("SALESDESK_DEBUG 已开启：生产环境中请关闭。")
    return found


def serve(options: ServerOptions) -> None:
    """Collect static files, then run gunicorn until stopped (Django must be set up)."""
    from django.db import connections

    check_port_free(options)
    collect_static()
    connections.close_all()
    Server(options).run()
