"""Child process: read a PDF on stdin, write its text layer on stdout (UTF-8).

Run only by `models.rawtext.pdf`, under memory, CPU and wall-clock limits, so that a
decompression bomb or a pathological file kills this process, not the caller.
Exit codes: 0 text written; 3 no text layer; 4 damaged or unreadable; 5 output too big.
"""
import io
import sys


def main() -> int:
    max_chars = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000
    max_pages = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    data = sys.stdin.buffer.read()
    try:
        from pypdf import PdfReader

        try:
            from pypdf.errors import LimitReachedError
        except ImportError:  # an older pypdf without inflation limits: RLIMIT_AS still holds
            LimitReachedError = MemoryError

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                sys.stderr.write("PDF is encrypted\n")
                return 4
        pages = []
        total = 0
        for number, page in enumerate(reader.pages):
            if number >= max_pages:
                sys.stderr.write(f"PDF has more than {max_pages} pages\n")
                return 5
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()  # inflate first: a bomb raises here, not silently below
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                sys.stderr.write("PDF text layer is too big\n")
                return 5
            pages.append(text)
    except LimitReachedError:
        sys.stderr.write("PDF stream inflates past the reader's limit (decompression bomb?)\n")
        return 5
    except MemoryError:
        sys.stderr.write("PDF needs too much memory (decompression bomb?)\n")
        return 5
    except Exception as exc:  # pypdf raises many kinds on damaged files
        sys.stderr.write(f"PDF is damaged: {type(exc).__name__}: {str(exc)[:200]}\n")
        return 4
    text = "\n\f".join(pages)
    if not text.strip():
        sys.stderr.write("PDF has no text layer (scanned image?)\n")
        return 3
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
