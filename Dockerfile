# cardback: API (`cardback serve`) and scan worker (`cardback worker`) from one image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1 \
    CARDBACK_DATA_DIR=/data \
    CARDBACK_HOST=0.0.0.0

# Tesseract with the languages the app reads (tesserocr's wheel brings its own libtesseract,
# the Debian packages bring the CLI and the traineddata in /usr/share/tesseract-ocr/5/tessdata).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-ita tesseract-ocr-deu tesseract-ocr-fra \
      tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-osd libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/cardback
COPY pyproject.toml README.md ./
COPY app ./app
COPY ocr ./ocr
COPY models ./models
COPY migrations ./migrations
RUN pip install '.[second-opinion]' && pip install --no-deps 'rapidocr_onnxruntime==1.4.4' \
    && rm -rf build *.egg-info

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin cardback \
 && mkdir -p /data && chown cardback:cardback /data
USER cardback
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]

CMD ["cardback", "serve", "--host", "0.0.0.0", "--port", "8000"]
