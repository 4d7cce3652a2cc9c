"""`salesdesk serve`: gunicorn, started through its Python API, in front of the Django app.

Before the workers start, the master applies pending migrations (bootstrap.setup), collects
the static files into STATIC_ROOT (hashed and compressed, served by WhiteNoise) and closes its
database connections, so no worker inherits one.
"""

from __future__ import annotations

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
            "preload_app": True,
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "salesdesk",
            "forwarded_allow_ips": "127.0.0.1,::1",
        }


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

    collect_static()
    connections.close_all()
    Server(options).run()
