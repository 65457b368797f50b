"""Demo content for Practice Exchange: fictional organisations, members, communities and
case studies, written as plain Python data so they can be read, reviewed and reused.

- `organisations`, `people`, `communities` and `case_studies` hold the content;
- `builders` turns one record into database rows (idempotently, looked up by slug or email),
  so the `load_demo` command and a future benchmark generator share the same code;
- `checks` verifies the content hangs together before anything is written.

Every organisation, person and project here is invented. Email domains look like real public
sector domains so that organisation matching works, but they are fictional; the demo never
sends email anywhere except the console in development.
"""
