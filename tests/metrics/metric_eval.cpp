// Scores JSON cases with the core's metrics, for test_metrics_vs_sklearn.py. Reads one case per line on
// stdin: {"metric": "roc_auc", "n_classes": 3, "y_true": "0 2 1", "predictions": "0.25 0.5 ..."}
// (predictions n x k probabilities row-major, or n values), and writes one line per case: the score with
// 17 digits, or "error: <message>". Numbers travel as text read by strtod, which rounds correctly, so
// values tied in Python stay tied here.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "metrics/metrics.hpp"

int main() {
  namespace bj = boost::json;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    try {
      const bj::object c = bj::parse(line).as_object();
      const std::string name(c.at("metric").as_string());
      const uint32_t k = static_cast<uint32_t>(c.at("n_classes").to_number<int64_t>());
      std::vector<double> y, p;
      auto numbers = [](const bj::value &text) {
        std::vector<double> out;
        const std::string s(text.as_string());
        const char *at = s.c_str();
        char *end = nullptr;
        for (double v = std::strtod(at, &end); end != at; v = std::strtod(at, &end)) {
          out.push_back(v);
          at = end;
        }
        return out;
      };
      y = numbers(c.at("y_true"));
      p = numbers(c.at("predictions"));
      const vernier::metrics::Metric &m =
          vernier::metrics::require(name, k > 0 ? VN_TASK_CLASSIFICATION : VN_TASK_REGRESSION, k);
      char out[40];
      std::snprintf(out, sizeof out, "%.17g", m.score(y.data(), p.data(), y.size(), k));
      std::cout << out << '\n';
    } catch (const std::exception &e) {
      std::cout << "error: " << e.what() << '\n';
    }
  }
  return 0;
}
