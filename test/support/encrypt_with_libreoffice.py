#!/usr/bin/python3
"""Save a workbook with a password to open, as LibreOffice itself encrypts it.

    /usr/bin/python3 encrypt_with_libreoffice.py INPUT PASSWORD OUTPUT:FILTER [OUTPUT:FILTER ...]
    /usr/bin/python3 encrypt_with_libreoffice.py --save FILE

FILTER is a LibreOffice export filter name: "MS Excel 97" (.xls), "calc8" (.ods),
"Calc MS Excel 2007 XML" (.xlsx). Each output is written by storeToURL with a "Password"
property, which is what File > Save As > "Save with password" does: real encrypted files of
each format, not a hand-made imitation.

--save opens FILE, marks it modified and saves it in place in its own format: what File > Save
does after any change, which `soffice --convert-to` (test/support/pdf.ts) does not imitate (an
export keeps the document's modified time; a save sets it).

`soffice --convert-to` has no way to give a password, so this starts a headless soffice of its
own (a fresh profile under a temporary folder, so a LibreOffice already running or a stale lock
cannot interfere), talks to it over a named pipe with python3-uno (Debian's, hence
/usr/bin/python3), and ends it (its whole process group) before exiting. Exit 0 when every
output exists and is non-empty; otherwise a message on stderr and exit 1.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def named(name, value):
    v = NamedValue()
    v.Name = name
    v.Value = value
    return v


def password_props(filter_name, password):
    """What the Save As dialog passes for a password (sfx2's filedlghelper.cxx). "Password"
    suffices for .ods and .xls. The OOXML export encrypts only when given the password as
    EncryptionData ("OOXPassword"), and ignores "Password" without a word (it writes a plain
    .xlsx). "CryptoType" Standard is ECMA-376 Standard encryption (Excel 2007's): LibreOffice
    7.4 fails to store with Agile (Excel 2010 and later), an I/O error 0xc10."""
    if "2007" not in filter_name:
        return [prop("Password", password)]
    data = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", password), named("CryptoType", "Standard")))
    return [prop("EncryptionData", data)]


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def connect(pipe, soffice):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext()
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if soffice.poll() is not None:
                raise RuntimeError(f"soffice exited with {soffice.returncode} before accepting a connection")
            if time.monotonic() > deadline:
                raise RuntimeError(f"soffice did not accept a connection within {CONNECT_SECONDS} s")
            time.sleep(0.25)


def run_soffice(work):
    """Start a headless soffice of our own, call work(desktop), end soffice. Returns an exit code."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"appraisal_uno_{os.getpid()}"
    soffice = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group: soffice is a script around oosplash and soffice.bin, all ended together.
        start_new_session=True,
    )
    code = 1
    try:
        desktop = connect(pipe, soffice)
        work(desktop)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as soffice exits
            pass
        code = 0
    except Exception as e:  # noqa: BLE001 -- said on stderr for the test that called us
        print(f"encrypt_with_libreoffice: {type(e).__name__}: {e}", file=sys.stderr)
    finally:
        try:
            # After terminate() soffice exits by itself; after a failure it is ended now.
            soffice.wait(timeout=15 if code == 0 else 0.1)
        except subprocess.TimeoutExpired:
            os.killpg(soffice.pid, signal.SIGKILL)
            soffice.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return code


def load(desktop, path):
    doc = desktop.loadComponentFromURL(url(path), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def encrypt(source, password, outputs):
    def work(desktop):
        doc = load(desktop, source)
        try:
            for output in outputs:
                path, _, filter_name = output.partition(":")
                if os.path.exists(path):
                    os.remove(path)
                doc.storeToURL(url(path), (prop("FilterName", filter_name), *password_props(filter_name, password), prop("Overwrite", True)))
                if not os.path.exists(path) or os.path.getsize(path) == 0:
                    raise RuntimeError(f"storeToURL wrote no {path} ({filter_name})")
        finally:
            doc.close(True)

    return run_soffice(work)


def save(path):
    def work(desktop):
        doc = load(desktop, path)
        try:
            doc.setModified(True)
            doc.store()
        finally:
            doc.close(True)

    return run_soffice(work)


def main(argv):
    if len(argv) == 3 and argv[1] == "--save":
        return save(argv[2])
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    return encrypt(argv[1], argv[2], argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
