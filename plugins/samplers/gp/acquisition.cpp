#include "acquisition.hpp"

#include <cmath>
#include <stdexcept>

namespace vernier::gp_sampler {

namespace {

constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kHalfLog2Pi = 0.91893853320467274178;  // log(2 pi) / 2
constexpr double kSqrtHalfPi = 1.25331413731550025121;  // sqrt(pi / 2)

double log_normal_pdf(double z) { return -0.5 * z * z - kHalfLog2Pi; }

}  // namespace

AcquisitionKind acquisition_from_name(const std::string &name) {
  if (name == "log_ei") return AcquisitionKind::LogEi;
  if (name == "ei") return AcquisitionKind::Ei;
  if (name == "ucb") return AcquisitionKind::Ucb;
  if (name == "pi") return AcquisitionKind::Pi;
  throw std::invalid_argument("unknown acquisition function '" + name + "'");
}

double erfcx(double x) {
  if (x < 25.0) return std::exp(x * x) * std::erfc(x);
  // Asymptotic series 1/(x sqrt(pi)) (1 - t + 3t^2 - 15t^3 + 105t^4), t = 1/(2x^2); at x >= 25 the next
  // term is below 1e-12 relative.
  const double t = 1.0 / (2.0 * x * x);
  return (1.0 - t * (1.0 - 3.0 * t * (1.0 - 5.0 * t * (1.0 - 7.0 * t)))) / (x * 1.77245385090551602730);
}

double log_normal_cdf(double z) {
  if (z > -5.0) return std::log(0.5 * std::erfc(-z / kSqrt2));
  // Phi(z) = erfc(-z/sqrt2)/2 = erfcx(-z/sqrt2) exp(-z^2/2) / 2, without the underflow.
  return std::log(0.5 * erfcx(-z / kSqrt2)) - 0.5 * z * z;
}

double log_h(double z) {
  if (z > -1.0) {
    const double phi = std::exp(log_normal_pdf(z));
    return std::log(phi + z * 0.5 * std::erfc(-z / kSqrt2));
  }
  // h(z) = phi(z) (1 - c) with c = -z Phi(z)/phi(z) = -z sqrt(pi/2) erfcx(-z/sqrt2), which tends to 1.
  if (z > -40.0) return log_normal_pdf(z) + std::log1p(z * kSqrtHalfPi * erfcx(-z / kSqrt2));
  // Far in the tail 1 - c has the asymptotic expansion 1/z^2 - 3/z^4 + 15/z^6 - 105/z^8 + 945/z^10,
  // which avoids the cancellation (relative error below 1e-9 for z <= -40).
  const double u = 1.0 / (z * z);
  const double one_minus_c = u * (1.0 - u * (3.0 - u * (15.0 - u * (105.0 - u * 945.0))));
  return log_normal_pdf(z) + std::log(one_minus_c);
}

AcquisitionValue Acquisition::evaluate(double mean, double var) const {
  const double v = var > variance_floor_ ? var : variance_floor_;
  const double s = std::sqrt(v);
  const double z = (best_ - mean) / s;
  const bool floored = !(var > variance_floor_);  // the variance derivative is 0 below the floor
  AcquisitionValue out{0, 0, 0};
  double d_s = 0;
  switch (kind_) {
    case AcquisitionKind::LogEi: {
      const double lh = log_h(z);
      out.value = std::log(s) + lh;
      // d log h / dz = Phi(z) / h(z); d value / ds = phi(z) / (h(z) s).
      out.d_mean = -std::exp(log_normal_cdf(z) - lh) / s;
      d_s = std::exp(log_normal_pdf(z) - lh) / s;
      break;
    }
    case AcquisitionKind::Ei: {
      const double phi = std::exp(log_normal_pdf(z)), Phi = 0.5 * std::erfc(-z / kSqrt2);
      out.value = s * (phi + z * Phi);
      out.d_mean = -Phi;
      d_s = phi;
      break;
    }
    case AcquisitionKind::Ucb: {
      const double root_beta = std::sqrt(beta_);
      out.value = root_beta * s - mean;
      out.d_mean = -1.0;
      d_s = root_beta;
      break;
    }
    case AcquisitionKind::Pi: {
      const double log_Phi = log_normal_cdf(z);
      out.value = log_Phi;
      const double ratio = std::exp(log_normal_pdf(z) - log_Phi);  // phi / Phi
      out.d_mean = -ratio / s;
      d_s = -ratio * z / s;
      break;
    }
  }
  out.d_var = floored ? 0.0 : d_s / (2.0 * s);
  return out;
}

}  // namespace vernier::gp_sampler
