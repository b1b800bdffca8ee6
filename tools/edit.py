"""`edit` (`make edit`): the CMS on this machine. A small server gives the CMS page (/admin/) from editor/admin and
node_modules/decap-cms and guards its saves (tools/editsave.py), decap-server reads this checkout, mkdocs serve shows the site.

Nothing here is part of the public build: the site is built from docs/ and data/ only.
"""
from __future__ import annotations

import argparse
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from macros.model import ROOT
from macros.model.checked import DataError, load_site
from macros.model.loading import load_dataset
from macros.model.problems import Problem
from macros.model.validation import report

from .editsave import answer, changed
from .impact import EDIT_BASE, git
from .schemas import cms_config_text

ADMIN = ROOT / "editor" / "admin"
BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist"
TYPES = {".yml": "text/yaml; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm",
         ".html": "text/html; charset=utf-8"}


class AdminHandler(http.server.BaseHTTPRequestHandler):
    """/admin/ and its config from editor/admin, the CMS's scripts from its bundle; nothing else."""

    git_server = "http://127.0.0.1:8081/api/v1"  # decap-server, which this server's POSTs reach; set to the port in use
    repo = ROOT

    def config(self) -> bytes:
        """The config for the data as it is now (a key added in a code editor shows at once), else the file; its saves
        come to this server, which guards them (tools/editsave.py)."""
        try:
            text = cms_config_text(load_site(self.repo).require_valid())
        except DataError:
            text = (ADMIN / "config.yml").read_text(encoding="utf-8")
        return text.replace("http://localhost:8081/api/v1", f"{self.origin()}/api/v1").encode()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/", "/admin"):
            return self.reply(302, b"", "text/plain", Location="/admin/")
        name = path.removeprefix("/admin/") or "index.html"
        folder = ADMIN if name in ("index.html", "config.yml", "rule-widget.js") else BUNDLE
        target = (folder / name).resolve()
        if not path.startswith("/admin/") or target.parent != folder.resolve() or not target.is_file():
            self.send_error(404)
            return
        self.reply(200, self.config() if name == "config.yml" else target.read_bytes(), TYPES.get(target.suffix, "application/octet-stream"))

    def do_POST(self) -> None:
        """The CMS's git requests, from this server's own page only (another site or local port is refused)."""
        if self.path != "/api/v1" or self.headers.get("Origin") != self.origin():
            self.send_error(403)
            return
        try:
            payload = json.loads(self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 64 << 20)))
            status, body = answer(self.repo, payload if isinstance(payload, dict) else {}, self.git_server)
        except (ValueError, OSError, subprocess.CalledProcessError) as err:
            status, body = 500, {"error": f"{type(err).__name__}: {err}"}
        self.reply(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def origin(self) -> str:
        """This server as the page addressed it (127.0.0.1 or localhost); any other name is not this machine's page."""
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        return f"http://{host if host in (f'127.0.0.1:{port}', f'localhost:{port}') else f'127.0.0.1:{port}'}"

    def reply(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": kind, "Content-Length": str(len(body)), "Cache-Control": "no-store", **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def start_git_server(repo: Path, port: int) -> subprocess.Popen:
    """decap-server on loopback only; no browser page may call it (port 1 is no page's origin): the CMS's requests
    reach it through the admin server, which guards them."""
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "ORIGIN": "http://127.0.0.1:1"}
    return subprocess.Popen([str(ROOT / "node_modules" / ".bin" / "decap-server")], env=env, cwd=repo)


def taken_port(ports: dict[str, int]) -> list[Problem]:
    """The first of the ports (by option name) that something on this machine already listens on, as a problem."""
    for option, port in ports.items():
        try:
            socket.create_server(("127.0.0.1", port)).close()
        except OSError:
            return [Problem(f"--{option}", 1, "", "port_taken", {"port": port, "option": option})]
    return []


def add(sub) -> None:
    edit = sub.add_parser("edit", help="the CMS, its git server and the site's preview, on this machine only")
    for name, port in (("site-port", 8000), ("admin-port", 8082), ("git-port", 8081)):
        edit.add_argument(f"--{name}", type=int, default=port)
    edit.set_defaults(func=run)


def refusal(repo: Path) -> list[Problem]:
    """Why the editor cannot start before any port is looked at: no CMS installed, or uncommitted changes (every save
    beside them would be refused, tools/editsave.py)."""
    if not (BUNDLE / "decap-cms.js").is_file():
        return [Problem("package.json", 1, "", "cms_not_installed")]
    return [Problem(rel, 1, "", "edit_pending") for rel in changed(repo)]


def run(args: argparse.Namespace) -> int:
    """The three servers, each on 127.0.0.1, until Ctrl-C or until one of them stops; the CMS commits to --root."""
    repo, ports = Path(args.root), {"git-port": args.git_port, "site-port": args.site_port, "admin-port": args.admin_port}
    problems = refusal(repo) or taken_port(ports)  # nothing is started then: no half-started editor, no orphan servers
    try:
        admin = None if problems else http.server.ThreadingHTTPServer(("127.0.0.1", args.admin_port), AdminHandler)
    except OSError:  # taken since the look above
        problems = [Problem("--admin-port", 1, "", "port_taken", {"port": args.admin_port, "option": "admin-port"})]
    if problems:
        print(report(load_dataset(repo), problems), file=sys.stderr)
        return 2
    git(repo, "update-ref", EDIT_BASE, "HEAD")  # impact's default base: what this run's saves changed
    AdminHandler.git_server, AdminHandler.repo = f"http://127.0.0.1:{args.git_port}/api/v1", repo
    threading.Thread(target=admin.serve_forever, daemon=True).start()
    servers = {"git-port": start_git_server(repo, args.git_port), "site-port": subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{args.site_port}", "-f", str(repo / "mkdocs.yml")], cwd=repo)}
    print(f"editor (CMS): http://127.0.0.1:{args.admin_port}/admin/\nsite:         http://127.0.0.1:{args.site_port}/", flush=True)
    stop, stopped = threading.Event(), None
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while stopped is None and not stop.wait(0.5):  # one server gone: the others go too (no editor without its site)
            stopped = next((option for option, proc in servers.items() if proc.poll() is not None), None)
    except KeyboardInterrupt:
        pass
    finally:
        admin.shutdown()
        for proc in servers.values():
            proc.terminate()
        for proc in servers.values():
            proc.wait(10)
    if stopped:
        print(f"a server stopped by itself (--{stopped} {ports[stopped]}); see its output above", file=sys.stderr)
    return 1 if stopped else 0
