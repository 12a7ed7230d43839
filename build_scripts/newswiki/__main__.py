from newswiki.cli import app

app()
