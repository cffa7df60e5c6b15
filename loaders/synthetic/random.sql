-- Hash-based random numbers: every draw is a pure function of the seed and the draw's identity
-- (a purpose tag plus row keys), so results do not depend on row order or thread count.
-- runif: uniform in (0, 1) from the top 53 bits of a 64-bit hash.
create or replace macro runif(tag, a, b, c) as
  ((hash(getvariable('seed'), tag, a, b, c) >> 11)::double + 0.5) / 9007199254740992.0;
-- rnorm: standard normal by Box-Muller from two independent uniforms.
create or replace macro rnorm(tag, a, b, c) as
  sqrt(-2 * ln(runif(tag, a, b, c))) * cos(2 * pi() * runif(tag || '~', a, b, c));
-- rlnorm_cost: lognormal amount with the given median and log-sd, capped.
create or replace macro rcost(tag, a, b, c, median, sigma, cap) as
  round(least(cap, median * exp(sigma * rnorm(tag, a, b, c))), 2);
create or replace macro sigmoid(x) as 1 / (1 + exp(-x));
create or replace macro logit(p) as ln(p / (1 - p));
