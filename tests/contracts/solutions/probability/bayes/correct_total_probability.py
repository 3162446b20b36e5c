"""Correct: Bayes' rule with the evidence from the law of total probability."""


def posterior(p_condition, p_pos_given_condition, p_pos_given_healthy):
    p_healthy = 1.0 - p_condition
    evidence = p_pos_given_condition * p_condition + p_pos_given_healthy * p_healthy
    likelihood_times_prior = p_pos_given_condition * p_condition
    return likelihood_times_prior / evidence
