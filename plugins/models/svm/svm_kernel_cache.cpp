// Kernel matrices reused across svm fits: see svm_kernel_cache.hpp.
#include "svm_kernel_cache.hpp"

#include <cmath>
#include <cstring>

namespace vernier::models {

namespace {

constexpr std::size_t kSeenKeys = 256;

// libsvm's sparse dot product: the same merge over indices, the same order of additions.
double dot(const svm_node *x, const svm_node *y) {
  double sum = 0;
  while (x->index != -1 && y->index != -1) {
    if (x->index == y->index) {
      sum += x->value * y->value;
      ++x;
      ++y;
    } else if (x->index > y->index) {
      ++y;
    } else {
      ++x;
    }
  }
  return sum;
}

// base^times by repeated squaring, the multiplication order libsvm's poly kernel uses.
double power(double base, int times) {
  double result = 1.0;
  for (int t = times; t > 0; t /= 2) {
    if (t % 2 == 1) result *= base;
    base *= base;
  }
  return result;
}

uint64_t hash_rows(const std::vector<svm_node> &nodes) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over every index and value
  auto mix = [&h](const void *p, std::size_t n) {
    const auto *b = static_cast<const unsigned char *>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ULL;
  };
  for (const svm_node &node : nodes) {
    mix(&node.index, sizeof node.index);
    mix(&node.value, sizeof node.value);
  }
  return h;
}

}  // namespace

bool KernelCache::Key::operator==(const Key &o) const {
  return kernel_type == o.kernel_type && degree == o.degree && gamma == o.gamma && coef0 == o.coef0 &&
         rows_hash == o.rows_hash && n_rows == o.n_rows;
}

KernelCache::Key KernelCache::key_of(const SvmRows &rows, const svm_parameter &param) {
  Key k;
  k.kernel_type = param.kernel_type;
  // Only what the kernel reads is part of its identity (a linear kernel ignores gamma).
  if (param.kernel_type != LINEAR) k.gamma = param.gamma;
  if (param.kernel_type == POLY) {
    k.degree = param.degree;
    k.coef0 = param.coef0;
  }
  k.rows_hash = hash_rows(rows.nodes());
  k.n_rows = rows.size();
  return k;
}

bool KernelCache::same_rows(const std::vector<svm_node> &a, const std::vector<svm_node> &b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)  // field by field: svm_node has padding bytes
    if (a[i].index != b[i].index || std::memcmp(&a[i].value, &b[i].value, sizeof(double)) != 0) return false;
  return true;
}

void KernelCache::compute(Entry &e, const SvmRows &rows, const svm_parameter &param) {
  const uint64_t n = rows.size();
  std::vector<double> square;
  if (param.kernel_type == RBF) {
    square.resize(n);
    for (uint64_t i = 0; i < n; ++i) square[i] = dot(rows.row(i), rows.row(i));
  }
  e.matrix.resize(n * (n + 2));
  e.pointers.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    svm_node *out = e.matrix.data() + i * (n + 2);
    e.pointers[i] = out;
    out[0] = svm_node{0, static_cast<double>(i + 1)};
    for (uint64_t j = 0; j < n; ++j) {
      const double d = dot(rows.row(i), rows.row(j));
      double k = d;  // linear
      if (param.kernel_type == RBF) k = std::exp(-param.gamma * (square[i] + square[j] - 2 * d));
      if (param.kernel_type == POLY) k = power(param.gamma * d + param.coef0, param.degree);
      out[j + 1] = svm_node{static_cast<int>(j + 1), k};
    }
    out[n + 1] = svm_node{-1, 0.0};
  }
  e.rows = rows.nodes();
}

svm_node **KernelCache::find(const SvmRows &rows, const svm_parameter &param) {
  if (param.kernel_type != RBF && param.kernel_type != POLY && param.kernel_type != LINEAR) return nullptr;
  const double n = static_cast<double>(rows.size());
  const double bytes = (n * (n + 2) + static_cast<double>(rows.nodes().size())) * sizeof(svm_node);
  if (bytes > budget_) return nullptr;
  const Key key = key_of(rows, param);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key == key && same_rows(it->rows, rows.nodes())) {
      entries_.splice(entries_.begin(), entries_, it);  // now the most recently used
      return entries_.front().pointers.data();
    }
  }
  for (auto it = seen_.begin(); it != seen_.end(); ++it) {
    if (!(*it == key)) continue;
    // The second fit of this kernel: worth the whole matrix.
    seen_.erase(it);
    Entry entry;
    entry.key = key;
    compute(entry, rows, param);
    while (!entries_.empty() && used_ + bytes > budget_) {
      const Entry &old = entries_.back();
      const double m = static_cast<double>(old.pointers.size());
      used_ -= (m * (m + 2) + static_cast<double>(old.rows.size())) * sizeof(svm_node);
      entries_.pop_back();
    }
    entries_.push_front(std::move(entry));
    used_ += bytes;
    return entries_.front().pointers.data();
  }
  // The first fit of this kernel: remembered, and left to libsvm, which computes only the columns it needs.
  seen_.push_front(key);
  if (seen_.size() > kSeenKeys) seen_.pop_back();
  return nullptr;
}

}  // namespace vernier::models
