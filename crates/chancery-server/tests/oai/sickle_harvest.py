"""Harvests Chancery's OAI-PMH provider with sickle and checks what the protocol promises.

Arguments: base URL, number of public documents, the id of a document to delete mid-harvest,
the chancery binary and its data directory (the deletion goes through the command line).
"""
import subprocess
import sys

from sickle import Sickle
from sickle import oaiexceptions as oai

base, expected, victim, binary, data = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
s = Sickle(base, max_retries=2)

identify = s.Identify()
assert identify.protocolVersion == "2.0", identify.protocolVersion
assert identify.deletedRecord == "persistent"
assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
repo = identify.repositoryIdentifier if hasattr(identify, "repositoryIdentifier") else "127.0.0.1"

prefixes = sorted(f.metadataPrefix for f in s.ListMetadataFormats())
assert prefixes == ["oai_dc", "tei"], prefixes

sets = [x.setSpec for x in s.ListSets()]
assert any(x.startswith("type:") for x in sets), sets

# Every verb and format; resumption across pages of three.
for prefix in prefixes:
    records = list(s.ListRecords(metadataPrefix=prefix))
    assert len(records) == expected, (prefix, len(records), expected)
    assert all(r.metadata or r.deleted for r in records)
headers = list(s.ListIdentifiers(metadataPrefix="oai_dc"))
assert len(headers) == expected, (len(headers), expected)
record = s.GetRecord(identifier=headers[0].identifier, metadataPrefix="oai_dc")
assert record.metadata.get("title"), record.metadata
tei = s.GetRecord(identifier=headers[0].identifier, metadataPrefix="tei")
assert "TEI" in tei.raw, tei.raw[:200]

# A deletion during a harvest: the first page is taken, the document is deleted, the rest
# of the harvest (and a new one) report it as deleted.
iterator = s.ListIdentifiers(metadataPrefix="oai_dc")
first = next(iterator)
subprocess.run([binary, "--data", data, "delete", victim, "--reason", "harvest test"], check=True, capture_output=True)
rest = [first] + list(iterator)
again = list(s.ListIdentifiers(metadataPrefix="oai_dc"))
deleted = [h.identifier for h in again if h.deleted]
assert deleted == [f"oai:127.0.0.1:{victim}"], deleted
assert len(again) == expected
assert len({h.identifier for h in rest}) == expected, "nothing skipped"
gone = s.GetRecord(identifier=f"oai:127.0.0.1:{victim}", metadataPrefix="oai_dc")
assert gone.deleted

# Each error condition's protocol code: sickle raises the exception named after it.
def expect(error, **params):
    try:
        # A verb sickle does not know gets the raw response checked the same way.
        if params["verb"] not in s.class_mapping:
            response = s.harvest(**params)
            code = response.xml.find(".//{http://www.openarchives.org/OAI/2.0/}error").get("code")
            raise getattr(oai, code[0].upper() + code[1:])()
        s.iterator(s, params).next()
    except error:
        return
    raise AssertionError(f"expected {error.__name__} for {params}")

expect(oai.BadVerb, verb="Dance")
expect(oai.BadArgument, verb="ListRecords")
expect(oai.BadArgument, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "yesterday"})
expect(oai.BadResumptionToken, verb="ListRecords", resumptionToken="forged")
expect(oai.CannotDisseminateFormat, verb="ListRecords", metadataPrefix="marc21")
expect(oai.NoRecordsMatch, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2999-01-01"})
expect(oai.IdDoesNotExist, verb="GetRecord", metadataPrefix="oai_dc",
       identifier="oai:127.0.0.1:00000000-0000-4000-8000-000000000000")
expect(oai.IdDoesNotExist, verb="ListMetadataFormats", identifier="oai:127.0.0.1:nothing")
expect(oai.BadResumptionToken, verb="ListSets", resumptionToken="x")
print(f"sickle harvested {expected} records per format over pages of 3; deletion and every error code checked")
