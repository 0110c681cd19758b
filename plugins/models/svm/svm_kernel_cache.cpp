// Kernel values reused across svm fits and predictions: see svm_kernel_cache.hpp.
#include "svm_kernel_cache.hpp"

#include <algorithm>
#include <cstring>

namespace vernier::models {

namespace {

constexpr std::size_t kSeenRows = 256;   // training row sets remembered after one fit
constexpr std::size_t kSeenQueries = 16;  // query row sets remembered per training set after one prediction

uint64_t hash_nodes(const std::vector<svm_node> &nodes) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ nodes.size();
  for (const svm_node &node : nodes) {  // field by field: svm_node has padding bytes
    uint64_t bits;
    std::memcpy(&bits, &node.value, sizeof bits);
    h = (h ^ static_cast<uint32_t>(node.index)) * 0x100000001b3ULL;
    h = (h ^ bits) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  return h;
}

// Moves it to the front of its list: the most recently used.
template <class T>
void touch(std::list<T> &list, typename std::list<T>::iterator it) {
  list.splice(list.begin(), list, it);
}

// Remembers `hash` as seen once; true if it already was (and forgets it: the caller now keeps the real thing).
bool seen_before(std::list<uint64_t> &seen, uint64_t hash, std::size_t capacity) {
  const auto it = std::find(seen.begin(), seen.end(), hash);
  if (it != seen.end()) {
    seen.erase(it);
    return true;
  }
  seen.push_front(hash);
  if (seen.size() > capacity) seen.pop_back();
  return false;
}

// The entry of `key` in a most-recently-used list, moved to the front; NULL when there is none.
template <class Entry, class Key>
Entry *find_and_touch(std::list<Entry> &list, const Key &key) {
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (!(it->key == key)) continue;
    touch(list, it);
    return &list.front();
  }
  return nullptr;
}

// Where each of n_rows rows starts in nodes, libsvm's rows laid end to end, each ended by index -1.
std::vector<const svm_node *> row_starts(const std::vector<svm_node> &nodes, std::size_t n_rows) {
  std::vector<const svm_node *> starts(n_rows);
  for (std::size_t i = 0, at = 0; i < n_rows; ++i) {
    starts[i] = nodes.data() + at;
    while (nodes[at].index != -1) ++at;
    ++at;
  }
  return starts;
}

double node_bytes(std::size_t nodes) { return static_cast<double>(nodes) * sizeof(svm_node); }
double double_bytes(std::size_t values) { return static_cast<double>(values) * sizeof(double); }

}  // namespace

KernelCache::RowsKey KernelCache::RowsKey::of(const SvmRows &rows) {
  RowsKey k;
  k.nodes = rows.nodes();
  k.n_rows = rows.size();
  k.hash = hash_nodes(k.nodes);
  return k;
}

bool KernelCache::RowsKey::matches(const SvmRows &rows, uint64_t hash_of_rows) const {
  const std::vector<svm_node> &other = rows.nodes();
  if (hash != hash_of_rows || n_rows != rows.size() || nodes.size() != other.size()) return false;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].index != other[i].index || std::memcmp(&nodes[i].value, &other[i].value, sizeof(double)) != 0)
      return false;
  return true;
}

double KernelCache::Kernel::bytes() const {
  return node_bytes(nodes.size()) + static_cast<double>(pointers.size()) * sizeof(svm_node *);
}

double KernelCache::Queries::bytes() const {
  return node_bytes(rows.nodes.size()) + double_bytes(dots.size()) + double_bytes(distances.size());
}

double KernelCache::Training::bytes() const {
  return node_bytes(rows.nodes.size()) + double_bytes(dots.size()) + double_bytes(squares.size());
}

bool KernelCache::make_room(double bytes, const Training *keep_training, const Queries *keep_queries) {
  if (bytes > budget_) return false;
  auto over = [&] { return used_ + bytes > budget_; };
  auto drop_kernels = [&](std::list<Kernel> &kernels) {
    while (over() && !kernels.empty()) {
      used_ -= kernels.back().bytes();
      kernels.pop_back();
    }
  };
  // Oldest training sets first: their kernels, then their query sets, then the set itself.
  for (auto t = trainings_.end(); over() && t != trainings_.begin();) {
    --t;
    drop_kernels(t->kernels);
    for (auto q = t->queries.end(); over() && q != t->queries.begin();) {
      --q;
      drop_kernels(q->kernels);
      if (over() && &*q != keep_queries) {
        used_ -= q->bytes();
        q = t->queries.erase(q);
      }
    }
    if (over() && &*t != keep_training) {
      for (const Queries &q : t->queries) {
        used_ -= q.bytes();
        for (const Kernel &k : q.kernels) used_ -= k.bytes();
      }
      used_ -= t->bytes();
      t = trainings_.erase(t);
    }
  }
  return !over();
}

KernelCache::Training *KernelCache::training_of(const SvmRows &rows, uint64_t hash) {
  for (auto it = trainings_.begin(); it != trainings_.end(); ++it) {
    if (!it->rows.matches(rows, hash)) continue;
    touch(trainings_, it);
    return &trainings_.front();
  }
  if (!seen_before(seen_rows_, hash, kSeenRows)) return nullptr;  // the first fit of these rows runs plainly

  // The second fit of these rows: worth their products, if they fit with one kernel matrix beside them.
  const std::size_t n = rows.size();
  const double need = node_bytes(rows.nodes().size()) + double_bytes(n * n + n) +
                      node_bytes(n * (n + 2)) + static_cast<double>(n) * sizeof(svm_node *);
  if (!make_room(need, nullptr, nullptr)) return nullptr;
  Training t;
  t.id = next_id_++;
  t.rows = RowsKey::of(rows);
  t.dots.resize(n * n);
  t.squares.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      // dot(x_i, x_j) adds the same products in the same order as dot(x_j, x_i): symmetric to the bit.
      const double d = dot(rows.row(i), rows.row(j));
      t.dots[i * n + j] = d;
      t.dots[j * n + i] = d;
    }
    t.squares[i] = t.dots[i * n + i];
  }
  used_ += t.bytes();
  trainings_.push_front(std::move(t));
  return &trainings_.front();
}

KernelCache::Kernel KernelCache::Kernel::laid_out(const KernelKey &key, std::size_t rows, std::size_t n_train) {
  Kernel k;
  k.key = key;
  k.nodes.resize(rows * (n_train + 2));
  k.pointers.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    k.pointers[i] = k.nodes.data() + i * (n_train + 2);
    k.pointers[i][n_train + 1] = svm_node{-1, 0.0};
  }
  return k;
}

KernelCache::Kernel *KernelCache::training_matrix(Training &t, const KernelKey &key) {
  if (Kernel *cached = find_and_touch(t.kernels, key)) return cached;
  const std::size_t n = static_cast<std::size_t>(t.rows.n_rows);
  const double need = node_bytes(n * (n + 2)) + static_cast<double>(n) * sizeof(svm_node *);
  if (!make_room(need, &t, nullptr)) return nullptr;
  Kernel k = Kernel::laid_out(key, n, n);
  for (std::size_t i = 0; i < n; ++i) {
    svm_node *row = k.pointers[i];
    row[0] = svm_node{0, static_cast<double>(i + 1)};
    for (std::size_t j = 0; j <= i; ++j) {
      // Symmetric too: the squares are added in either order, which IEEE addition does not tell apart.
      const double value = training_value(key, t.dots[i * n + j], t.squares[i], t.squares[j]);
      row[j + 1] = svm_node{static_cast<int>(j + 1), value};
      k.pointers[j][i + 1] = svm_node{static_cast<int>(i + 1), value};
    }
  }
  used_ += k.bytes();
  t.kernels.push_front(std::move(k));
  return &t.kernels.front();
}

KernelCache::Fit KernelCache::training_kernel(const SvmRows &rows, const svm_parameter &param) {
  Fit fit;
  if (!reproducible(param.kernel_type) || budget_ <= 0) return fit;
  Training *t = training_of(rows, hash_nodes(rows.nodes()));
  if (t == nullptr) return fit;
  fit.rows_id = t->id;
  if (Kernel *k = training_matrix(*t, KernelKey::of(param))) fit.matrix = k->pointers.data();
  return fit;
}

KernelCache::Queries *KernelCache::queries_of(Training &t, const SvmRows &queries) {
  const uint64_t hash = hash_nodes(queries.nodes());
  for (auto it = t.queries.begin(); it != t.queries.end(); ++it) {
    if (!it->rows.matches(queries, hash)) continue;
    touch(t.queries, it);
    return &t.queries.front();
  }
  if (!seen_before(t.seen_queries, hash, kSeenQueries)) return nullptr;  // the first prediction runs plainly
  Queries q;
  q.rows = RowsKey::of(queries);
  if (!make_room(q.bytes(), &t, nullptr)) return nullptr;
  used_ += q.bytes();
  t.queries.push_front(std::move(q));
  return &t.queries.front();
}

KernelCache::Kernel *KernelCache::query_matrix(Training &t, Queries &q, const KernelKey &key) {
  if (Kernel *cached = find_and_touch(q.kernels, key)) return cached;
  const std::size_t n = static_cast<std::size_t>(t.rows.n_rows), m = static_cast<std::size_t>(q.rows.n_rows);
  // The products this kernel reads: squared distances for rbf, dot products otherwise.
  std::vector<double> &products = key.type == RBF ? q.distances : q.dots;
  const double need = node_bytes(m * (n + 2)) + static_cast<double>(m) * sizeof(svm_node *) +
                      (products.empty() ? double_bytes(m * n) : 0.0);
  if (!make_room(need, &t, &q)) return nullptr;
  if (products.empty()) {
    // Laid out again from the kept nodes: the query rows as libsvm saw them, row by row.
    const std::vector<const svm_node *> query_rows = row_starts(q.rows.nodes, m), train_rows = row_starts(t.rows.nodes, n);
    products.resize(m * n);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j)  // libsvm's k_function(x = query, y = support vector)
        products[i * n + j] = key.type == RBF ? squared_distance(query_rows[i], train_rows[j])
                                              : dot(query_rows[i], train_rows[j]);
    used_ += double_bytes(m * n);
  }
  Kernel k = Kernel::laid_out(key, m, n);
  for (std::size_t i = 0; i < m; ++i) {
    svm_node *row = k.pointers[i];
    row[0] = svm_node{0, 0.0};  // unread: libsvm looks a support vector's value up at its training row id
    for (std::size_t j = 0; j < n; ++j)
      row[j + 1] = svm_node{static_cast<int>(j + 1), prediction_value(key, products[i * n + j], products[i * n + j])};
  }
  used_ += k.bytes();
  q.kernels.push_front(std::move(k));
  return &q.kernels.front();
}

svm_node **KernelCache::query_kernel(uint64_t rows_id, const SvmRows &queries, const svm_parameter &param) {
  if (rows_id == 0 || !reproducible(param.kernel_type)) return nullptr;
  auto t = std::find_if(trainings_.begin(), trainings_.end(), [&](const Training &x) { return x.id == rows_id; });
  if (t == trainings_.end()) return nullptr;  // evicted since the fit
  touch(trainings_, t);
  Training &training = trainings_.front();
  Queries *q = queries_of(training, queries);
  if (q == nullptr) return nullptr;
  Kernel *k = query_matrix(training, *q, KernelKey::of(param));
  return k != nullptr ? k->pointers.data() : nullptr;
}

}  // namespace vernier::models
