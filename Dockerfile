FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY schemas ./schemas
COPY samples ./samples
RUN pip install --no-cache-dir -e .
EXPOSE 6066
CMD ["wirestreams", "worker"]
