# Editable install: streams/schemas.py reads the JSON Schemas from /app/schemas beside the package.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY schemas ./schemas
COPY samples ./samples
RUN pip install --no-cache-dir -e . \
    && useradd --system --uid 10001 --home-dir /var/lib/wirestreams wirestreams \
    && mkdir -p /var/lib/wirestreams && chown wirestreams /var/lib/wirestreams
USER wirestreams
ENV WIRESTREAMS_DATA_DIR=/var/lib/wirestreams WIRESTREAMS_WEB_HOST=0.0.0.0
EXPOSE 6066
CMD ["wirestreams", "worker"]
