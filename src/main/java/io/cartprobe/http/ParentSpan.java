package io.cartprobe.http;

/** Request tag: the span id a call's requests send as their {@code traceparent} parent. */
record ParentSpan(String spanId) {}
