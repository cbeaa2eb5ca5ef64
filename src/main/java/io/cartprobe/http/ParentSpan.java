package io.cartprobe.http;

/** Request tag: the {@code traceparent} a call's requests send, naming the step's span. */
record ParentSpan(String traceparent) {}
