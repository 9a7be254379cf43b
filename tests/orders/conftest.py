"""Fixtures of the import tests."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.imports.services import import_job_create, import_job_run
from tests.factories import marketplace


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def importer(account, member_of, media_in_tmp):
    user = member_of(account)

    def run(content, name="report.txt", report_type="", marketplace_code=None, encoding="utf-8"):
        data = content if isinstance(content, bytes) else content.encode(encoding)
        job = import_job_create(
            account=account,
            user=user,
            uploaded_file=SimpleUploadedFile(name, data),
            requested_type=report_type,
            marketplace=marketplace(marketplace_code) if marketplace_code else None,
        )
        job = import_job_run(job_id=job.pk)
        job.refresh_from_db()
        return job

    return run
