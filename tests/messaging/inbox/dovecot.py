"""A real IMAP server for the poller's tests: Debian's dovecot-imapd run in
the foreground (`dovecot -F -c <generated config>`) as a process of the test
run's own, listening on a free loopback port, one passwd-file user, a maildir
in a directory of its own, no TLS (loopback only: the tests list 127.0.0.1 in
INBOX_IMAP_PLAINTEXT_HOSTS).

Run as root (CI containers), dovecot refuses to serve mail as uid 0 and its
login process drops to the `dovenull` user, so the directory is made readable
by them and the mail belongs to the `dovecot` user; run as anyone else, it all
runs as that user.
"""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from ...smtp_sink import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "seller-inbox"
PASSWORD = "correct-horse-imap"


class DovecotServer:
    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="feedbackhub-dovecot-"))
        self.port = free_port()
        self.process = None

    def _users(self):
        if os.geteuid() != 0:
            me = pwd.getpwuid(os.geteuid())
            return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid
        mail = pwd.getpwnam("dovecot")
        return "dovenull", "dovecot", mail.pw_uid, mail.pw_gid

    def _config(self):
        login_user, internal_user, mail_uid, mail_gid = self._users()
        base = self.directory
        return f"""
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={base}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""

    def start(self):
        _, _, mail_uid, mail_gid = self._users()
        self.directory.chmod(0o755)
        (self.directory / "mail").mkdir()
        os.chown(self.directory / "mail", mail_uid, mail_gid)
        (self.directory / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (self.directory / "dovecot.conf").write_text(self._config())
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.directory / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"dovecot exited: {self.log()}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as probe:
                    if probe.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"dovecot did not answer within 20 s: {self.log()}")

    def log(self):
        path = self.directory / "dovecot.log"
        return path.read_text()[-2000:] if path.exists() else "(no log)"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)

    # --- what a mail client (Amazon's relay) does to the mailbox ---------------

    def client(self):
        connection = imaplib.IMAP4("127.0.0.1", self.port)
        connection.login(USER, PASSWORD)
        return connection

    def append(self, folder, *messages):
        connection = self.client()
        try:
            for raw in messages:
                status, data = connection.append(f'"{folder}"', None, None, raw)
                assert status == "OK", data
        finally:
            connection.logout()

    def recreate(self, folder):
        """Delete and create the folder again: the server gives it a new UIDVALIDITY."""
        connection = self.client()
        try:
            connection.delete(f'"{folder}"')
            status, data = connection.create(f'"{folder}"')
            assert status == "OK", data
        finally:
            connection.logout()

    def uidvalidity(self, folder):
        connection = self.client()
        try:
            connection.select(f'"{folder}"', readonly=True)
            return int(connection.response("UIDVALIDITY")[1][0])
        finally:
            connection.logout()
