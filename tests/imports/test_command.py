"""manage.py import_case_studies: the same checks, any size, with a progress bar."""

import pytest
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudyPage
from tests import factories
from tests.imports.conftest import csv_bytes, damaged_xlsx, row

pytestmark = pytest.mark.django_db


def command(path, world, *args, user=None):
    call_command(
        "import_case_studies",
        str(path),
        "--community",
        world["community"].slug,
        "--user",
        user or world["facilitator"].email,
        *args,
    )


def test_dry_run_changes_nothing(world, write, capsys):
    command(write(csv_bytes([row(1), row(2)])), world, "--dry-run")
    out = capsys.readouterr()
    assert "2 rows: 2 new" in out.out and "Dry run" in out.out
    assert "2/2 rows" in out.err  # the progress bar
    assert not CaseStudyPage.objects.exists()


def test_import_then_run_again(world, write, capsys):
    path = write(csv_bytes([row(1), row(2)]))
    command(path, world, "--publish")
    assert "2 created" in capsys.readouterr().out
    assert CaseStudyPage.objects.live().count() == 2
    command(path, world, "--publish")
    assert "2 unchanged" in capsys.readouterr().out
    assert CaseStudyPage.objects.count() == 2


def test_problems_are_printed_and_nothing_is_imported(world, write, capsys):
    path = write(csv_bytes([row(1), row(2, Title="")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        command(path, world)
    assert "row 3, Title: Enter the title." in capsys.readouterr().err
    assert not CaseStudyPage.objects.exists()


def test_only_facilitators_and_admins(world, write):
    path = write(csv_bytes([row(1)]))
    with pytest.raises(CommandError, match="not a facilitator"):
        command(path, world, user=world["member"].email)
    with pytest.raises(CommandError, match="No active member"):
        command(path, world, user="nobody@example.org")
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    command(path, world, user=admin.email)
    assert CaseStudyPage.objects.get().owner == admin


def test_bad_files_and_communities_are_refused(world, write, tmp_path):
    with pytest.raises(CommandError, match="no file"):
        command(tmp_path / "missing.csv", world)
    with pytest.raises(CommandError, match="empty"):
        command(write(b""), world)
    with pytest.raises(CommandError, match="may be damaged"):
        command(write(damaged_xlsx(rows=300, keep=0.8), "damaged.xlsx"), world)
    assert not CaseStudyPage.objects.exists()
    with pytest.raises(CommandError, match="No single community"):
        call_command(
            "import_case_studies",
            str(write(csv_bytes([row(1)]))),
            "--community",
            "nope",
            "--user",
            world["facilitator"].email,
        )


def test_a_large_file_streams_in_bounded_memory(world, write):
    """100,000 rows are checked one at a time: memory stays well below the file's size."""
    import tracemalloc

    headers = ["External id", "Title", "Summary"]
    path = write(
        b"External id,Title,Summary\n"
        + b"".join(b"ID-%d,Title %d,%s\n" % (n, n, b"x" * 300) for n in range(1, 100_001))
    )
    size = path.stat().st_size
    tracemalloc.start()
    from imports.reading import open_table
    from imports.services import import_check

    report = import_check(open_table(path), community=world["community"], publish=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.ok and report.rows == 100_000
    assert peak < size / 2, (peak, size)
    assert headers == open_table(path).headers


def test_a_broken_row_is_refused_clearly(world, write):
    content = csv_bytes([row(1)]) + b"X-2,T,S" + b",x" * 30 + b"\n"
    with pytest.raises(CommandError, match="Row 3 has more cells"):
        command(write(content), world)
    assert not CaseStudyPage.objects.exists()
