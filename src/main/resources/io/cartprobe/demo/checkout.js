// The demo storefront's checkout: the form is built here, and pays through the shop's API.
// With the broken-bundle fault a line is put in front of this file that throws, so no form.
(function () {
  'use strict';
  const api = location.pathname.replace(/\/checkout\/?$/, '') + '/api';
  const app = document.getElementById('app');
  app.innerHTML =
      '<form id="checkout-form">'
    + '<p id="item">Demo T-shirt (DEMO-SKU-1), 19.99 USD</p>'
    + '<label>Quantity <input id="quantity" type="number" value="1" min="1" max="99"></label>'
    + '<label>Card number (hosted payment form)'
    + '<iframe id="card-frame" src="card-frame" title="card number"></iframe></label>'
    + '<button id="pay" type="submit">Pay</button>'
    + '</form><p id="result" role="status"></p>';
  const result = document.getElementById('result');

  async function call(path, body) {
    const response = await fetch(api + path, {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = json.error && json.error.message ? json.error.message : 'HTTP ' + response.status;
      throw new Error(message + ' (' + response.status + ')');
    }
    return json;
  }

  document.getElementById('checkout-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    const pay = document.getElementById('pay');
    pay.disabled = true;
    result.className = '';
    result.textContent = 'Paying...';
    try {
      const frame = document.getElementById('card-frame').contentDocument;
      const card = frame.getElementById('card-number').value.replace(/\s+/g, '');
      const quantity = Number(document.getElementById('quantity').value);
      const cart = await call('/carts', {sku: 'DEMO-SKU-1', quantity: quantity});
      const paid = await call('/carts/' + cart.id + '/payment', {card: card});
      result.textContent = 'Order confirmed: ';
      const id = document.createElement('span');
      id.id = 'order-id';
      id.textContent = paid.order_id;
      result.appendChild(id);
      history.replaceState(null, '', location.pathname + '?order=' + encodeURIComponent(paid.order_id));
    } catch (err) {
      result.className = 'error';
      result.textContent = 'Payment failed: ' + err.message;
      console.error('checkout: payment failed: ' + err.message);
    } finally {
      pay.disabled = false;
    }
  });
  document.getElementById('loading') && document.getElementById('loading').remove();
})();
