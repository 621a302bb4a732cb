"""The document library over HTTP (fake encoder, local worker): auth, refusals that write nothing, jobs."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from fixtures.make_docs import make_pdf

TOKEN = "library-test-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}
FLOOD = b"# Fictional flood plan\n\nThe fictional Eastmoor flood plan protects 300 homes from the river."


@pytest.fixture
def app(fake_app_factory):
    return fake_app_factory(DOCS, ADMIN_TOKEN=TOKEN, INDEX_CHECK_SECONDS=0, MAX_UPLOAD_MB=1)


@pytest.fixture
def client(app):
    return app.test_client()


def source(app) -> Path:
    return Path(app.config["SOURCE_DIR"])


def listing(app) -> list[str]:
    """Every file under the source folder, hidden ones included (what a refused request must not change)."""
    return sorted(str(p.relative_to(source(app))) for p in source(app).rglob("*"))


def finished(client, job_url: str, seconds: float = 60) -> dict:
    """Poll a job until it is done or failed (the local worker has loaded its version by then: no reload)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = client.get(job_url, headers=BEARER).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_url} did not finish: {body}")


def upload(client, data: bytes, name: str, **fields: str):
    return client.post("/admin/documents", headers=BEARER, data={"file": (io.BytesIO(data), name), **fields})


def cited(client, question: str) -> list[str]:
    answer = client.post("/api/ask", json={"question": question}).get_json()
    return [c["quote"] for c in answer["citations"]]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/admin/documents"), ("POST", "/admin/documents"), ("PUT", "/admin/documents/doc"),
     ("DELETE", "/admin/documents/doc"), ("GET", "/admin/jobs/x")],
)  # fmt: skip
def test_no_token_is_401_and_a_wrong_one_403_and_nothing_is_written(app, client, method, path):
    before = listing(app)
    assert client.open(path, method=method).status_code == 401
    wrong = client.open(path, method=method, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert wrong.get_json()["error"]["code"] == "forbidden"
    assert listing(app) == before


def test_upload_is_indexed_and_cited_then_replaced_then_deleted(app, client):
    response = upload(client, FLOOD, "flood.md", title="Fictional flood plan", council="Eastmoor")
    assert response.status_code == 202
    body = response.get_json()
    assert body["document_id"] == "flood" and body["job"].startswith("/admin/jobs/")
    job = finished(client, body["job"])
    assert job["status"] == "done" and job["index_version"] and job["actor"].startswith("token:")
    assert TOKEN not in job["actor"]
    assert client.get("/readyz").get_json()["index_version"] == job["index_version"]  # done = served here
    assert any(
        "300 homes" in q for q in cited(client, "How many homes does the Eastmoor flood plan protect?")
    )
    rows = {
        d["id"]: d
        for d in client.get("/admin/documents", headers=BEARER | {"Accept": "application/json"}).get_json()[
            "documents"
        ]
    }
    assert rows["flood"]["status"] == "indexed" and rows["flood"]["title"] == "Fictional flood plan"
    assert rows["flood"]["council"] == "Eastmoor" and rows["flood"]["passages"] >= 1

    new = b"The fictional Eastmoor flood plan now protects 450 homes and two schools."
    replaced = client.put("/admin/documents/flood", headers=BEARER, data={"file": (io.BytesIO(new), "f.txt")})
    assert replaced.status_code == 202
    assert finished(client, replaced.get_json()["job"])["status"] == "done"
    quotes = cited(client, "How many homes does the Eastmoor flood plan protect?")
    assert any("450 homes" in q for q in quotes) and not any("300 homes" in q for q in quotes)
    # the same name, the suffix of the new content (text now), its sidecar moved along; nothing else left
    assert sorted(p.name for p in source(app).glob("flood*")) == ["flood.txt", "flood.txt.meta.json"]

    deleted = client.delete("/admin/documents/flood", headers=BEARER)
    assert deleted.status_code == 202
    assert finished(client, deleted.get_json()["job"])["status"] == "done"
    assert not any(
        "homes" in q for q in cited(client, "How many homes does the Eastmoor flood plan protect?")
    )
    assert "flood" not in {d["id"] for d in client.get("/api/documents").get_json()["documents"]}


def test_metadata_edit_without_a_file_rebuilds_with_the_new_title(app, client):
    job = finished(client, upload(client, FLOOD, "flood.md", title="Old title").get_json()["job"])
    assert job["status"] == "done"
    edited = client.put(
        "/admin/documents/flood", headers=BEARER, data={"title": "New title", "kind": "case study"}
    )
    assert edited.status_code == 202
    assert finished(client, edited.get_json()["job"])["status"] == "done"
    documents = {d["id"]: d for d in client.get("/api/documents").get_json()["documents"]}
    assert documents["flood"]["title"] == "New title" and documents["flood"]["kind"] == "case study"


def test_a_renamed_executable_is_415_and_nothing_is_written(app, client):
    before = listing(app)
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8
    response = upload(client, elf, "report.pdf", title="Not a report")
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "unsupported_media_type"
    assert listing(app) == before
    zipped = upload(client, b"PK\x03\x04" + bytes(100), "notes.docx")
    assert zipped.status_code == 415 and listing(app) == before


def test_an_upload_over_the_limit_is_413_before_anything_is_written(app, client):
    before = listing(app)
    big = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)  # QA_MAX_UPLOAD_MB=1 here; the default is 50
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n' + big
    response = client.post(  # encoded here: the test client spools a large file part to a temp file
        "/admin/documents",
        headers=BEARER,
        data=body + b"\r\n--b--\r\n",
        content_type="multipart/form-data; boundary=b",
    )
    assert response.status_code == 413
    assert listing(app) == before
    small = client.post("/api/ask", data=b"x" * (300 * 1024), headers={"Content-Type": "application/json"})
    assert small.status_code == 413  # every other route keeps the app's own small limit


def test_a_path_in_the_name_is_dropped_and_the_file_stored_inside_the_folder(app, client):
    response = upload(client, b"Fictional text about the parish.", "../../x.pdf")
    assert response.status_code == 202
    assert (source(app) / "x.txt").exists()  # typed by content: text, whatever the name says
    assert not (source(app).parent.parent / "x.pdf").exists() and not (source(app).parent / "x.pdf").exists()
    control = upload(client, b"More fictional text.", "a\x00b\x1b[31m\u202e.md")
    assert control.status_code == 202
    assert control.get_json()["document_id"] == "ab-31m"


def test_a_second_upload_with_the_same_name_is_409_not_an_overwrite(app, client):
    original = (source(app) / "doc.txt").read_bytes()
    response = upload(client, b"Something else entirely.", "doc.txt")
    assert response.status_code == 409
    assert (source(app) / "doc.txt").read_bytes() == original


def test_a_file_that_gives_no_text_fails_with_the_reason_and_the_index_keeps_serving(app, client, tmp_path):
    version = client.get("/readyz").get_json()["index_version"]
    blank = make_pdf(tmp_path / "blank.pdf", [[""]])  # a page with nothing on it: no text, no scan
    job = finished(client, upload(client, blank.read_bytes(), "blank.pdf").get_json()["job"])
    assert job["status"] == "failed" and "blank.pdf" in job["error"]
    assert client.get("/readyz").get_json()["index_version"] == version
    rows = {
        d["id"]: d
        for d in client.get("/admin/documents", headers=BEARER | {"Accept": "application/json"}).get_json()[
            "documents"
        ]
    }
    assert rows["blank"]["status"] == "failed" and rows["blank"]["reason"]


def test_a_replacement_that_gives_no_text_fails_and_the_previous_file_is_put_back(app, client, tmp_path):
    blank = make_pdf(tmp_path / "blank.pdf", [[""]])
    response = client.put(
        "/admin/documents/doc", headers=BEARER, data={"file": (blank.open("rb"), "doc.pdf")}
    )
    job = finished(client, response.get_json()["job"])
    assert job["status"] == "failed"
    assert (source(app) / "doc.txt").read_text().startswith("Councils run local partnerships.")
    assert not (source(app) / "doc.pdf").exists()
    assert any("partnerships" in q for q in cited(client, "Who runs local partnerships?"))


def test_the_browser_form_needs_its_csrf_token(app, client):
    page = client.get(f"/admin/documents?token={TOKEN}")
    assert page.status_code == 200 and b'name="csrf_token"' in page.data
    before = listing(app)
    forged = client.post(f"/admin/documents?token={TOKEN}", data={"file": (io.BytesIO(FLOOD), "f.md")})
    assert forged.status_code == 403 and forged.get_json()["error"]["code"] == "csrf_failed"
    assert listing(app) == before
    token = page.data.decode().split('name="csrf_token" value="')[1].split('"')[0]
    sent = client.post(
        f"/admin/documents?token={TOKEN}", data={"file": (io.BytesIO(FLOOD), "f.md"), "csrf_token": token}
    )
    assert sent.status_code == 303 and "job=" in sent.headers["Location"]


def test_every_change_is_logged_with_who_what_and_when(app, client):
    from qa_service.editorial.library import jobs

    finished(client, upload(client, FLOOD, "flood.md").get_json()["job"])
    finished(client, client.delete("/admin/documents/flood", headers=BEARER).get_json()["job"])
    logged = jobs.recent(app.extensions["qa_storage"])
    assert [(j.action, j.document_id, j.status) for j in logged] == [
        ("delete", "flood", "done"),
        ("upload", "flood", "done"),
    ]
    assert all(j.actor == jobs.actor_id(TOKEN) and j.created_at for j in logged)


def test_unknown_document_and_job_are_404(client):
    assert client.delete("/admin/documents/nope", headers=BEARER).status_code == 404
    assert client.get("/admin/jobs/nope", headers=BEARER).status_code == 404


def test_a_document_whose_ocr_is_cut_short_is_indexed_with_a_note(app, client, tmp_path, monkeypatch):
    from fixtures.make_docs import scan_pages

    from qa_service.ingest.readers.ocr import tesseract

    if not tesseract.available():
        pytest.skip("needs Debian's tesseract-ocr: `make ocr`")
    monkeypatch.setenv("QA_OCR_SECONDS", "0.001")  # the builder's setting reaches the reader's child
    pages = [["The fictional quay report, digital page."], ["A scanned page."], ["Another scanned page."]]
    pdf = scan_pages(make_pdf(tmp_path / "quay.pdf", pages), [1, 2])
    job = finished(client, upload(client, pdf.read_bytes(), "quay.pdf").get_json()["job"])
    note = "OCR stopped after 0.001 s: 0 of 2 scanned pages read (not read: page 2, 3)"
    assert job["status"] == "done" and job["note"] == note
    rows = client.get("/admin/documents", headers=BEARER | {"Accept": "application/json"}).get_json()
    row = next(d for d in rows["documents"] if d["id"] == "quay")
    assert (row["status"], row["note"], row["ocr_pages"]) == ("indexed", note, 0)


def test_a_version_built_elsewhere_and_not_loaded_here_yet_is_building_and_the_page_refreshes(app, client):
    from qa_service.editorial.library import jobs

    finished(client, upload(client, FLOOD, "flood.md").get_json()["job"])
    db = app.extensions["qa_storage"]
    later = jobs.record(db, jobs.new_job_id(), jobs.actor_id(TOKEN), "edit", "flood", "flood.md")
    jobs.set_status(db, later.id, "done", index_version="99991231T000000Z-abcdef")  # another worker's build
    page = client.get(f"/admin/documents?token={TOKEN}").get_data(as_text=True)
    assert 'id="doc-flood" data-status="building"' in page and 'http-equiv="refresh"' in page
    assert "switches to it at its next index check" in page


def test_a_version_this_server_refuses_fails_the_job_and_the_old_one_serves_on(app, client, monkeypatch):
    service = app.extensions["qa"]
    version = service.version

    def refuse() -> bool:
        service.last_error = "vector dimension 3 != manifest"
        return False

    monkeypatch.setattr(service, "load", refuse)
    job = finished(client, upload(client, FLOOD, "flood.md").get_json()["job"])
    assert job["status"] == "failed" and "refused the new index: vector dimension" in job["error"]
    assert client.get("/readyz").get_json()["index_version"] == version


def test_the_library_and_the_dashboard_refuse_alike_and_are_never_cached(fake_app_factory, client):
    """One admin guard (web/auth.admin_only) for both: the same 401/403 bodies, no-store on every answer."""
    for path in ("/admin/", "/admin/documents"):
        missing, wrong = client.get(path), client.get(path, headers={"Authorization": "Bearer nope"})
        assert (missing.status_code, missing.get_json()["error"]["code"]) == (401, "unauthorized")
        assert (wrong.status_code, wrong.get_json()["error"]["message"]) == (
            403,
            "the admin token is not valid",
        )
        allowed = client.get(f"{path}?token={TOKEN}")
        assert allowed.status_code == 200
        for response in (missing, wrong, allowed):
            assert response.headers["Cache-Control"] == "no-store"
            assert response.headers["Referrer-Policy"] == "no-referrer"
    disabled = fake_app_factory(DOCS).test_client().get("/admin/documents", headers=BEARER)
    assert disabled.status_code == 404
    assert disabled.get_json()["error"]["message"] == "the document library is disabled (set QA_ADMIN_TOKEN)"


def test_a_60_mb_upload_is_413_under_the_default_50_mb_limit_and_nothing_is_written(fake_app_factory):
    app = fake_app_factory(DOCS, ADMIN_TOKEN=TOKEN)  # QA_MAX_UPLOAD_MB left at its default
    assert app.config["MAX_UPLOAD_MB"] == 50
    before = listing(app)
    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n%PDF-1.7\n'
    body = head + b"0" * (60 * 1024 * 1024) + b"\r\n--b--\r\n"
    response = app.test_client().post(
        "/admin/documents", headers=BEARER, data=body, content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code == 413 and response.get_json()["error"]["code"]
    assert listing(app) == before
