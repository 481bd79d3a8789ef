#!/usr/bin/env python3
"""The HTTP service a user might write instead of intake-server: FastAPI + jieba + scikit-learn naive Bayes,
trained at start-up on the same corpus (corpus/parts/*.jsonl). Used by scripts/bench-server for the load
comparison; not part of the product, not run in CI.

    pip install fastapi uvicorn jieba scikit-learn
    uvicorn --app-dir scripts peer_server:app --host 127.0.0.1 --port 8090 --workers 2 --log-level warning

POST /v1/records {"text", "id"?, ...} -> {"id", "language", "category", "confidence", "scores"}
POST /v1/email   message/rfc822      -> the same, for the message's text part
"""
import email
import email.policy
import glob
import json
import os
import re
import unicodedata

import jieba
from fastapi import FastAPI, HTTPException, Request
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

jieba.setLogLevel(60)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    if CJK.search(text):
        return [t for t in jieba.cut(text) if t.strip() and WORD.search(t)]
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return WORD.findall(folded)


def train():
    texts, labels = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus/parts/*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                texts.append(r["text"])
                labels.append(r["label"])
    vectorizer = CountVectorizer(analyzer=tokens)
    model = MultinomialNB(alpha=0.3).fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model


VECTORIZER, MODEL = train()
app = FastAPI()


def record(text: str, rid=None) -> dict:
    if not text.strip():
        raise HTTPException(422, {"error": "empty_text", "message": "the complaint text is empty"})
    probs = MODEL.predict_proba(VECTORIZER.transform([text]))[0]
    scores = {c: float(p) for c, p in zip(MODEL.classes_, probs)}
    category = max(scores, key=scores.get)
    return {"id": rid, "language": "zh" if CJK.search(text) else "es", "category": category,
            "confidence": scores[category], "scores": scores, "text": text}


@app.post("/v1/records")
async def records(request: Request):
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise HTTPException(400, {"error": "bad_json", "message": "the body is not JSON"})
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        raise HTTPException(422, {"error": "no_text", "message": "no text"})
    return record(body["text"], body.get("id"))


@app.post("/v1/email")
async def email_route(request: Request):
    message = email.message_from_bytes(await request.body(), policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html"))
    text = part.get_content() if part is not None else ""
    return record(text, message.get("Message-ID"))
