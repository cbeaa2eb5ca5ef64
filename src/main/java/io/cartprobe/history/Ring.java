package io.cartprobe.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-capacity ring of the newest elements: adding to a full ring drops the oldest. This is
 * what bounds history's memory no matter how long the agent runs. Not thread-safe: its owner
 * ({@link PairHistory}) guards it.
 */
final class Ring<T> {

  private Object[] items;
  private int head; // index of the oldest element
  private int size;

  Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    items = new Object[capacity];
  }

  void add(T item) {
    if (size < items.length) {
      items[(head + size) % items.length] = item;
      size++;
    } else {
      items[head] = item;
      head = (head + 1) % items.length;
    }
  }

  int size() {
    return size;
  }

  int capacity() {
    return items.length;
  }

  /** The i-th element, 0 being the oldest. */
  @SuppressWarnings("unchecked")
  T get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return (T) items[(head + i) % items.length];
  }

  /** The newest element, or null when empty. */
  T newest() {
    return size == 0 ? null : get(size - 1);
  }

  /** The newest {@code n} elements (fewer if there are fewer), oldest first. */
  List<T> newest(int n) {
    int count = Math.min(Math.max(n, 0), size);
    List<T> out = new ArrayList<>(count);
    for (int i = size - count; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  List<T> all() {
    return newest(size);
  }

  /** Changes the capacity, keeping the newest elements that fit. */
  void resize(int capacity) {
    if (capacity == items.length) {
      return;
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    List<T> kept = newest(capacity);
    items = new Object[capacity];
    head = 0;
    size = 0;
    kept.forEach(this::add);
  }
}
