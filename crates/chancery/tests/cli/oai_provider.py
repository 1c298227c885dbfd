"""A small OAI-PMH data provider for Chancery's harvest tests.

Usage: oai_provider.py RECORDS.json PORT-FILE
Serves ListRecords (oai_dc) of the records in RECORDS.json — read again on every request, so
a test can change them between harvests — two records per page, with resumption tokens and
`from`/`until` selection on the records' datestamps, and writes the port it listens on into
PORT-FILE. Each record: {"id", "datestamp", "title", "description", "date", "deleted"}.
"""
import json
import sys
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

RECORDS_FILE, PORT_FILE = sys.argv[1], sys.argv[2]
PAGE = 2


def envelope(body, request_attrs=""):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        f"<responseDate>{now}</responseDate><request{request_attrs}>http://localhost/oai</request>"
        f"{body}</OAI-PMH>"
    )


def record(r):
    status = ' status="deleted"' if r.get("deleted") else ""
    header = (
        f"<header{status}><identifier>oai:test.example:{escape(r['id'])}</identifier>"
        f"<datestamp>{r['datestamp']}</datestamp></header>"
    )
    if r.get("deleted"):
        return f"<record>{header}</record>"
    metadata = (
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(r['title'])}</dc:title><dc:date>{escape(r['date'])}</dc:date>"
        f"<dc:description>{escape(r['description'])}</dc:description></oai_dc:dc>"
    )
    return f"<record>{header}<metadata>{metadata}</metadata></record>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        args = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        with open(RECORDS_FILE) as f:
            records = sorted(json.load(f), key=lambda r: (r["datestamp"], r["id"]))
        if args.get("verb") != "ListRecords":
            return self.reply(envelope('<error code="badVerb">only ListRecords</error>'))
        if "resumptionToken" in args:
            start_from, start_until, offset = args["resumptionToken"].split("|")
            args["from"], args["until"], offset = start_from, start_until, int(offset)
        else:
            if args.get("metadataPrefix") != "oai_dc":
                return self.reply(envelope('<error code="cannotDisseminateFormat">oai_dc only</error>'))
            offset = 0
        selected = [
            r for r in records
            if (not args.get("from") or r["datestamp"] >= args["from"])
            and (not args.get("until") or r["datestamp"] <= args["until"])
        ]
        if not selected:
            return self.reply(envelope('<error code="noRecordsMatch">none</error>'))
        page = selected[offset:offset + PAGE]
        body = "".join(record(r) for r in page)
        if offset + PAGE < len(selected):
            token = f"{args.get('from', '')}|{args.get('until', '')}|{offset + PAGE}"
            body += f'<resumptionToken completeListSize="{len(selected)}" cursor="{offset}">{escape(token)}</resumptionToken>'
        elif offset > 0:
            body += f'<resumptionToken completeListSize="{len(selected)}" cursor="{offset}"/>'
        self.reply(envelope(f"<ListRecords>{body}</ListRecords>", ' verb="ListRecords"'))

    def reply(self, text):
        data = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
