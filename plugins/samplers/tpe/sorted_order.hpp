// The order of a list of doubles, fast: the neighbour-gap bandwidths sort every parameter's observations
// on every suggestion, and a comparison sort of a thousand random doubles spends most of its time in
// mispredicted branches.
#ifndef VERNIER_TPE_SORTED_ORDER_HPP
#define VERNIER_TPE_SORTED_ORDER_HPP

#include <cstdint>
#include <vector>

namespace vernier::tpe {

// The indices of `values` in increasing order of value, equal values in increasing order of index (a
// stable sort). Values must be finite.
std::vector<uint32_t> sorted_order(const std::vector<double> &values);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_SORTED_ORDER_HPP
