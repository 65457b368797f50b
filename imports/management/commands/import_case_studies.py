"""Import case studies from a CSV or Excel file into a community (see docs/import.md).

For files of any size: rows are read as a stream and imported in one transaction, all or
nothing. The import page on the site takes smaller files.
"""

from django.core.management.base import BaseCommand, CommandError

from communities.models import CommunityPage, User
from communities.selectors import can_manage_community
from cop.progress import Progress
from imports.reading import FileProblem, open_table
from imports.services import import_check, import_run


class Command(BaseCommand):
    help = "Import case studies from a CSV or .xlsx file (a dry run first with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file with the template's columns.")
        parser.add_argument("--community", required=True, help="The community's slug.")
        parser.add_argument(
            "--user",
            required=True,
            help="Email of the importer: a facilitator of the community or a site "
            "administrator. They own the new case studies.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; change nothing.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the case studies (else drafts)."
        )

    def handle(self, *args, file, community, user, dry_run=False, publish=False, **options):
        importer = User.objects.filter(email__iexact=user, is_active=True).first()
        if importer is None:
            raise CommandError(f"No active member has the email address {user}.")
        communities = list(CommunityPage.objects.filter(slug=community))
        if len(communities) != 1:
            raise CommandError(f"No single community has the slug “{community}”.")
        target = communities[0]
        if not can_manage_community(importer, target):
            raise CommandError(
                f"{user} is not a facilitator of {target.title} or a site administrator."
            )
        try:
            table = open_table(file)
        except FileNotFoundError as error:
            raise CommandError(f"There is no file {file}.") from error
        except FileProblem as problem:
            raise CommandError(str(problem)) from problem
        if table.encoding:
            self.stdout.write(f"Read as {table.encoding} text.")

        try:
            total = sum(1 for _ in table.rows())
        except FileProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from problem
        progress = Progress(total, stream=self.stderr, unit="rows")
        self.stdout.write(f"Checking {total} rows ...")
        report = import_check(table, community=target, publish=publish, progress=progress)
        progress.finish()
        self._print_report(report)
        if not report.ok:
            raise CommandError("Nothing was imported. Correct the file and run the command again.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: nothing was changed."))
            return
        self.stdout.write("Importing ...")
        progress = Progress(total, stream=self.stderr, unit="rows")
        report = import_run(
            table,
            community=target,
            user=importer,
            publish=publish,
            file_name=table.path.name,
            progress=progress,
        )
        progress.finish()
        if not report.ok:
            self._print_report(report)
            raise CommandError("Nothing was imported.")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for outcome in report.outcome:
            counts[outcome["action"]] += 1
        state = "published" if publish else "as drafts"
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {state}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged (skipped)."
            )
        )

    def _print_report(self, report):
        if report.file_problem:
            self.stderr.write(report.file_problem)
            return
        self.stdout.write(
            f"{report.rows} rows: {report.new} new, {report.updated} to update, "
            f"{report.unchanged} unchanged."
        )
        if report.problem_count:
            self.stderr.write(f"{report.problem_count} problems:")
            for problem in report.problems:
                self.stderr.write(f"  row {problem.row}, {problem.column}: {problem.message}")
            if report.problem_count > len(report.problems):
                self.stderr.write(f"  ... and {report.problem_count - len(report.problems)} more.")
        for what, name, rows in report.unmatched_list():
            where = ", ".join(str(row) for row in rows)
            self.stdout.write(f"Not matched (left out): {what} “{name}” on rows {where}")
