package io.cartprobe.config;

import java.util.Map;

/** A valid probes.yaml using every feature, and the environment it is loaded with. */
final class Fixtures {

  private Fixtures() {}

  /** STAGING_URL and PROD_URL unset on purpose: their defaults apply. */
  static final Map<String, String> ENV = Map.of(
      "STAGING_GATEWAY_KEY", "sk_test_123",
      "CARTPROBE_ADMIN_TOKEN", "t0ken",
      "ONCALL_WEBHOOK_URL", "https://hooks.example.com/oncall",
      "WEBHOOK_SECRET", "whsec_c2VjcmV0LWtleQ==",
      "MAX", "32");

  /** Needs a file {@code gateway_key} (content "sk_live_456\n") next to it for ${file:}. */
  static final String FULL = """
      agent:
        listen: 127.0.0.1:9900
        max_concurrency: ${MAX}
        state_file: /var/lib/cartprobe/state.json
        labels: {location: eu-west-1}
        admin_token: ${CARTPROBE_ADMIN_TOKEN}

      environments:
        staging:
          vars:
            base_url: ${STAGING_URL:-http://127.0.0.1:8080/staging}
            gateway_url: http://127.0.0.1:8080/gw
          headers: {X-Synthetic-Check: cartprobe}
          secrets:
            gateway_key: ${STAGING_GATEWAY_KEY}
        production:
          vars:
            base_url: ${PROD_URL:-https://shop.example.com}
            gateway_url: https://gw.example.com
          secrets:
            gateway_key: ${file:gateway_key}

      probes:
        - name: checkout
          type: checkout
          environments: [staging, production]
          interval: 30s
          timeout: 20s
          interval_when_failing: 10s
          retries: 1
          vars: {sku: DEMO-SKU-1}
          steps:
            - name: create_cart
              component: cart-service
              request:
                method: POST
                url: "{{base_url}}/api/carts"
                headers: {Idempotency-Key: "{{uuid}}"}
                json: {sku: "{{sku}}", quantity: 1, gift: false, note: null, tags: [a, 2]}
              expect:
                status: 201
                max_latency: 800ms
                degraded_latency: 400ms
                headers: {Content-Type: "application/json.*"}
                body: {contains: cart, not_contains: [error, fail], matches: "\\\\d+"}
                json:
                  $.id: {exists: true}
                  $.currency: USD
                  $.total: {gt: 0, lte: 1000.5}
                  $.count: 3
                  $.ratio: 0.5
                  $.ok: true
                  $.nothing: null
                  $.items: {length: 1, contains: DEMO-SKU-1, in: [1, "two", 3.5]}
                  $.state: {matches: "open|new", not_equals: closed, equals: 7}
              extract:
                cart_id: $.id
                session: {from: "cookie:SESSION", secret: true}
                trace: header:X-Trace-Id
                token: "regex:token=(\\\\w+)"
              classify:
                - when: {status: [400, 402], json: {$.error.type: invalid_request_error}}
                  as: gateway_rejected
                - when: {body: {contains: maintenance}}
                  as: maintenance
            - name: authorize_payment
              component: payment-gateway
              request: {method: POST, url: "{{base_url}}/api/carts/{{cart_id}}/payment", form: {card: "4242424242424242", key: "{{secret.gateway_key}}"}}
              expect: {status: [200, 2xx, 301], json: {$.status: authorized}}
              extract: {order_id: $.order_id}
            - name: confirm
              request: {method: PUT, url: "{{base_url}}/api/orders/{{order_id}}", body: "id={{order_id}} at {{now_iso}}"}
          cleanup:
            - request: {method: POST, url: "{{base_url}}/api/orders/{{order_id}}/void"}
            - name: drop_cart
              request: {method: DELETE, url: "{{base_url}}/api/carts/{{cart_id}}"}
              expect: {status: 404}

        - name: gateway-config
          type: gateway-config
          interval: 1m
          request:
            url: "{{gateway_url}}/v1/account/config"
            headers: {Authorization: "Bearer {{secret.gateway_key}}"}
          expect:
            status: 200
            json: {$.charges_enabled: true, $.api_version: "2024-04-10"}
            cert_valid_for: 14d
          watch: [$.api_version, $.merchant.currencies, $.webhook_url]

      alerts:
        - name: checkout-failing
          probes: [checkout]
          environments: [production]
          when: {consecutive_failures: 3}
          resolve_after: 2
          inhibited_by: [gateway-config-failing]
          severity: critical
          repeat: 1h
          runbook: https://wiki.example.com/runbooks/checkout
          notify: [oncall]
        - name: gateway-config-failing
          when: {failure_ratio: 0.2, window: 5m, min_runs: 5}
          notify: [oncall, chat]
        - name: slow
          when: {latency_p95: 2s, window: 10m}
        - name: changed
          when: {config_changed_within: 30m}
        - name: cert
          when: {cert_expires_within: 14d}

      silences:
        - {probes: [checkout], environments: [staging], from: "2026-12-01T22:00:00Z", until: 2026-12-01T23:30:00Z, reason: deploy}
        - {from: "2026-12-24T00:00:00+01:00", until: "2026-12-27T00:00:00+01:00"}

      webhooks:
        - name: oncall
          url: ${ONCALL_WEBHOOK_URL}
          format: alertmanager
          hmac_secret: ${WEBHOOK_SECRET}
          send_resolved: true
          timeout: 5s
        - name: chat
          url: [http://am-0.example.com:9093, "http://am-1.example.com:9093"]
          format: alertmanager-api
          headers: {X-Team: sre}
          send_resolved: false
      """;
}
