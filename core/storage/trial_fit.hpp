// Journal trials seen through a Vernier space: whether a trial's parameters fit it, and the trial as
// the study's TrialRecord (internal values in the space's order).
#ifndef VERNIER_CORE_STORAGE_TRIAL_FIT_HPP
#define VERNIER_CORE_STORAGE_TRIAL_FIT_HPP

#include <string>

#include "space/search_space.hpp"
#include "trials/trial.hpp"
#include "storage/journal_model.hpp"

namespace vernier::storage {

// "" when every parameter of t is one of the space's with the same distribution and (unless
// allow_partial, for trials that failed half-way) t is a valid point of the space, conditions
// included; else what does not fit ("has parameter 'lr' as FloatDistribution(...); this space has ...").
std::string trial_misfit(const JournalTrial &t, const Space &space, bool allow_partial);

// The trial as Vernier keeps it. Parameters that do not fit the space leave params empty: such a
// trial counts for the budget and is shown, but no sampler sees it.
TrialRecord to_record(const JournalTrial &t, const Space &space);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_TRIAL_FIT_HPP
