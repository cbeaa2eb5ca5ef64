package io.cartprobe.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The JavaScript run in the page. Element scripts answer {@code {state}}: {@code missing},
 * {@code hidden}, {@code disabled} (the caller waits and tries again) or {@code ok}.
 */
final class Scripts {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Scripts() {}

  /** A JavaScript string literal. */
  static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code body} with {@code el} bound once the element is there and visible. */
  static String onElement(String selector, String body) {
    return "(() => { const el = document.querySelector(" + quote(selector) + ");"
        + " if (!el) return {state: 'missing'};"
        + " const r = el.getBoundingClientRect(); const s = getComputedStyle(el);"
        + " if ((r.width === 0 && r.height === 0) || s.visibility === 'hidden' || s.display === 'none')"
        + " return {state: 'hidden'}; " + body + " })()";
  }

  static String click(String selector) {
    return onElement(selector, "if (el.disabled) return {state: 'disabled'};"
        + " el.scrollIntoView({block: 'center'}); el.click(); return {state: 'ok'};");
  }

  /** Sets the value through the prototype's setter, as typing would, then fires the events. */
  static String fill(String selector, String value) {
    return onElement(selector, "if (el.disabled || el.readOnly) return {state: 'disabled'};"
        + " el.focus(); const proto = el instanceof HTMLTextAreaElement"
        + " ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;"
        + " Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, " + quote(value) + ");"
        + " el.dispatchEvent(new Event('input', {bubbles: true}));"
        + " el.dispatchEvent(new Event('change', {bubbles: true})); return {state: 'ok'};");
  }

  static String select(String selector, String value) {
    String v = quote(value);
    return onElement(selector, "if (el.disabled) return {state: 'disabled'};"
        + " const o = [...(el.options || [])].find(o => o.value === " + v
        + " || o.textContent.trim() === " + v + ");"
        + " if (!o) return {state: 'nooption', value: [...(el.options || [])].map(o => o.value).join(', ')};"
        + " el.value = o.value; el.dispatchEvent(new Event('input', {bubbles: true}));"
        + " el.dispatchEvent(new Event('change', {bubbles: true})); return {state: 'ok'};");
  }

  static String focus(String selector) {
    return onElement(selector, "el.focus(); return {state: 'ok'};");
  }

  static String visible(String selector) {
    return onElement(selector, "return {state: 'ok'};");
  }

  /** The element's visible text (any element, shown or not, for expect_text and extract). */
  static String text(String selector) {
    return "(() => { const el = document.querySelector(" + quote(selector) + ");"
        + " return el ? {state: 'ok', value: (el.innerText || el.textContent || '').trim()}"
        + " : {state: 'missing'}; })()";
  }

  static final String URL = "location.href";

  static final String READY = "document.readyState === 'complete'";

  /** Navigation Timing of the current document, milliseconds from its navigation start. */
  static final String NAVIGATION_TIMING = "(() => { const n = performance.getEntriesByType('navigation')[0];"
      + " if (!n) return null; return {dns: n.domainLookupEnd - n.domainLookupStart,"
      + " connect: n.connectEnd - n.connectStart,"
      + " tls: n.secureConnectionStart > 0 ? n.connectEnd - n.secureConnectionStart : 0,"
      + " request: Math.max(0, n.requestStart - n.connectEnd), ttfb: n.responseStart - n.requestStart,"
      + " transfer: n.responseEnd - n.responseStart, dcl: n.domContentLoadedEventEnd,"
      + " load: n.loadEventEnd, status: n.responseStatus || 0}; })()";

  /**
   * Hides every field that holds a secret, a card-like number or a password before a screenshot,
   * keeping the values in this (isolated) world to put back afterwards.
   */
  static String mask(List<String> secrets) {
    return "(() => { const secrets = " + MAPPER.valueToTree(secrets) + ";"
        + " const card = /[0-9](?:[ -]?[0-9]){12,18}/; globalThis.__cartprobeMasked = [];"
        + " for (const el of document.querySelectorAll('input, textarea')) { const v = el.value;"
        + " if (v && (el.type === 'password' || card.test(v) || secrets.some(s => v.includes(s)))) {"
        + " globalThis.__cartprobeMasked.push([el, v]); el.value = '*'.repeat(Math.min(v.length, 12)); } }"
        + " return true; })()";
  }

  static final String UNMASK = "(() => { for (const [el, v] of (globalThis.__cartprobeMasked || []))"
      + " el.value = v; globalThis.__cartprobeMasked = []; return true; })()";
}
