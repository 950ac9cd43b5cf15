package io.inferdeck.safety.classifier;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS (the last 10 curvature pairs) with a backtracking Armijo line search, for smooth convex
 * objectives such as L2-regularized logistic loss. Chosen over plain gradient descent because the hashed n-gram
 * weights are seen by few examples each: their gradients are tiny and a fixed step would need thousands of passes.
 * Deterministic: the same objective and start give the same result. Not thread-safe; one instance per run.
 */
final class Lbfgs {
    /** f(x) and its gradient written into {@code grad}. */
    interface Objective {
        double valueAndGradient(double[] x, double[] grad);
    }

    private static final int MEMORY = 10;

    private Lbfgs() {
    }

    /** Minimizes from {@code x} (updated in place) for at most {@code iterations} steps; returns the final value. */
    static double minimize(Objective f, double[] x, int iterations) {
        int d = x.length;
        double[] g = new double[d];
        double fx = f.valueAndGradient(x, g);
        Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {rho}}
        double[] xNew = new double[d];
        double[] gNew = new double[d];
        for (int it = 0; it < iterations && maxAbs(g) > 1e-7; it++) {
            double[] dir = direction(g, pairs);
            double slope = dot(dir, g);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                pairs.clear();
                dir = direction(g, pairs);
                slope = dot(dir, g);
            }
            double step = pairs.isEmpty() ? 1 / Math.max(1e-12, Math.sqrt(dot(g, g))) : 1;
            double fNew;
            int tries = 0;
            while (true) {
                for (int i = 0; i < d; i++) {
                    xNew[i] = x[i] + step * dir[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || ++tries > 30) {
                    break;
                }
                step *= 0.5;
            }
            double[] s = new double[d];
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                pairs.addLast(new double[][] {s, y, {1 / sy}});
                if (pairs.size() > MEMORY) {
                    pairs.removeFirst();
                }
            }
            boolean stalled = fx - fNew <= 1e-10 * Math.max(1, Math.abs(fx));
            System.arraycopy(xNew, 0, x, 0, d);
            System.arraycopy(gNew, 0, g, 0, d);
            fx = fNew;
            if (stalled) {
                break;
            }
        }
        return fx;
    }

    /** The two-loop recursion: −H·g for the implicit inverse Hessian H of the stored pairs. */
    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        double[] q = g.clone();
        int m = pairs.size();
        double[] alpha = new double[m];
        int k = m - 1;
        for (var it = pairs.descendingIterator(); it.hasNext(); k--) {
            double[][] p = it.next();
            alpha[k] = p[2][0] * dot(p[0], q);
            axpy(-alpha[k], p[1], q);
        }
        if (m > 0) {
            double[][] last = pairs.peekLast();
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        k = 0;
        for (double[][] p : pairs) {
            double beta = p[2][0] * dot(p[1], q);
            axpy(alpha[k++] - beta, p[0], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
