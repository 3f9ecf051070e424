package org.rlhf4j.control.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Trajectories recorded from Gymnasium 1.4.0 itself (source at commit 3f0476a8, NumPy 2.4.6,
 * Python 3.11, x86-64): {@code env = gym.make(id).unwrapped; env.reset(seed=0);
 * env.state = np.array(start); env.step(a)} for each action, printing {@code env.state} and the
 * reward with {@code repr}. Pendulum actions were passed as {@code np.array([a], dtype=np.float32)}.
 * Each row: next state..., reward.
 *
 * <p>Java and glibc/NumPy sin and cos differ by at most one ulp for some arguments, so states are
 * compared to 1e-14 (observed differences: 0 for CartPole and MountainCar, at most 1.1e-16 for
 * Acrobot and Pendulum).
 */
class GymnasiumReferenceTrajectoryTest {
    private static final double TOLERANCE = 1e-14;
    private final StepResult result = new StepResult();

    @Test
    void cartPole() {
        CartPole env = new CartPole();
        env.setState(0.0, 0.0, 0.05, 0.0);
        int[] actions = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1};
        double[][] expected = {
            {0.0, 0.194370546605301, 0.05, -0.2764975752871551, 1.0},
            {0.0038874109321060204, 0.38874482028834234, 0.0444700484942569, -0.5530007342041057, 1.0},
            {0.011662307337872867, 0.5832149881858771, 0.03341003381017478, -0.8313477121236784, 1.0},
            {0.02332660710159041, 0.7778647785175704, 0.016783079567701212, -1.1133387346038408, 1.0},
            {0.03888390267194182, 0.9727623591956756, -0.005483695124375604, -1.400709939971523, 1.0},
            {0.05833914985585533, 1.167952027098047, -0.03349789392380606, -1.6951022379740772, 1.0},
            {0.08169819039781627, 1.3634440961317962, -0.06739993868328761, -1.9980223734569378, 1.0},
            {0.10896707232045219, 1.169088033895983, -0.10736038615242638, -1.7269507954693673, 1.0},
            {0.13234883299837186, 0.9753449786133523, -0.14189940206181373, -1.4695128057509637, 1.0},
            {0.1518557325706389, 0.7822155511924715, -0.171289658176833, -1.2243088955448647, 1.0},
            {0.16750004359448833, 0.5896624625820686, -0.1957758360877303, -0.9898193278007388, 1.0},
            {0.17929329284612971, 0.7867891773997416, -0.2155722226437451, -1.337051962336551, 1.0},
        };
        float[] observation = new float[4];
        for (int t = 0; t < actions.length; t++) {
            env.step(actions[t], observation, result);
            assertRow(env.state(), expected[t], t);
            // Gymnasium terminated only on the last step (theta = -0.2156 < -0.2094).
            assertThat(result.terminated()).as("terminated at step %d", t).isEqualTo(t == actions.length - 1);
        }
    }

    @Test
    void mountainCar() {
        MountainCar env = new MountainCar();
        env.setState(-0.5, 0.0);
        int[] actions = {0, 1, 1, 0, 2, 0, 0, 0, 2, 2};
        double[][] expected = {
            {-0.5011768430041692, -0.0011768430041692573, -1.0},
            {-0.5025217237161822, -0.0013448807120130136, -1.0},
            {-0.504024577001083, -0.0015028532849008101, -1.0},
            {-0.5066741524168145, -0.002649575415731454, -1.0},
            {-0.5084506079741383, -0.0017764555573238391, -1.0},
            {-0.5113406356876327, -0.0028900277134943147, -1.0},
            {-0.5153225787301169, -0.003981943042484278, -1.0},
            {-0.52036658687189, -0.005044008141773072, -1.0},
            {-0.5244348360492362, -0.004068249177346225, -1.0},
            {-0.527496814779775, -0.0030619787305387358, -1.0},
        };
        float[] observation = new float[2];
        for (int t = 0; t < actions.length; t++) {
            env.step(actions[t], observation, result);
            assertRow(env.state(), expected[t], t);
        }
    }

    @Test
    void mountainCarAtTheLeftWall() {
        MountainCar env = new MountainCar();
        env.setState(-1.19, -0.02);
        double[][] expected = {
            {-1.2, 0.0, -1.0},
            {-1.1987581039591646, 0.0012418960408353682, -1.0},
            {-1.196270205713714, 0.002487898245450696, -1.0},
            {-1.192528173202872, 0.0037420325108419024, -1.0},
            {-1.1875200116579745, 0.005008161544897544, -1.0},
        };
        float[] observation = new float[2];
        for (int t = 0; t < expected.length; t++) {
            env.step(0, observation, result);
            assertRow(env.state(), expected[t], t);
        }
    }

    @Test
    void acrobot() {
        Acrobot env = new Acrobot();
        env.setState(0.05, -0.03, 0.02, 0.01);
        int[] actions = {1, 1, 1, 1, 1, 2, 2, 0, 1, 1};
        double[][] expected = {
            {0.04722774383341854, -0.02025946833616004, -0.046780434736391846, 0.08517331950487741, -1.0},
            {0.032262868284987076, 0.002307982337288836, -0.09907928241808564, 0.13422108114582326, -1.0},
            {0.009564978804157687, 0.030307045104555615, -0.12241115202595133, 0.13742293203194988, -1.0},
            {-0.014331514621741127, 0.05380138321092785, -0.11100745760569405, 0.08984918069126288, -1.0},
            {-0.03277057213968633, 0.0635738561757455, -0.06940460055693734, 0.0034773198197761146, -1.0},
            {-0.05417656293488876, 0.08850110900234466, -0.1394077513794014, 0.23791880362929152, -1.0},
            {-0.08562621536766032, 0.1536463046212745, -0.1665725499915967, 0.3972316232579607, -1.0},
            {-0.09072784667838212, 0.17163627136062418, 0.11663421425896575, -0.22023355558683244, -1.0},
            {-0.05451176195997083, 0.10393488991823041, 0.2360643536314968, -0.4396060425584955, -1.0},
            {-0.0012680572581225472, 0.004828043249918618, 0.2824371895174934, -0.5260334707566203, -1.0},
        };
        float[] observation = new float[6];
        for (int t = 0; t < actions.length; t++) {
            env.step(actions[t], observation, result);
            assertRow(env.state(), expected[t], t);
        }
    }

    @Test
    void acrobotWrapAndBound() {
        Acrobot env = new Acrobot();
        float[] observation = new float[6];
        double[][] starts = {{3.1, 0.0, 12.0, 0.0}, {0.0, 3.1, 0.0, 27.0}, {-3.1, 0.0, -12.3, -27.5}, {0.0, 0.0, 12.5, -28.0}};
        int[] actions = {2, 2, 0, 1};
        double[][] expected = {
            {-0.716112058653124, -0.039142450902731274, 12.566370614359172, -0.24008184119948506, -1.0},
            {-1.2633333925711714, -2.1928041192506047, -12.566370614359172, 28.274333882308138, -1.0},
            {-1.1942526156852207, 2.863555090489479, -12.566370614359172, -7.189976483479661, -1.0},
            {2.2441739757096935, 1.1319818964046782, 11.051207623228603, -25.684629710213585, 0.0},
        };
        for (int t = 0; t < starts.length; t++) {
            env.setState(starts[t]);
            env.step(actions[t], observation, result);
            assertRow(env.state(), expected[t], t);
            assertThat(result.terminated()).isEqualTo(t == 3);
        }
    }

    @Test
    void pendulumWithFloat32Actions() {
        Pendulum env = new Pendulum();
        env.setState(2.5, -0.7);
        float[] actions = {-2.7716562747955322f, 2.257312774658203f, -0.19361869990825653f, 0.285811185836792f,
            -1.0670201778411865f, 1.5079494714736938f, -2.848818778991699f, -0.7668883800506592f,
            -2.8178982734680176f, -2.2626473903656006f};
        double[][] expected = {
            {2.4724427054038984, -0.5511458919220326, -6.30300000018999},
            {2.4831473910726443, 0.21409371337491268, -6.147349111113189},
            {2.515345732063803, 0.643966819823171, -6.170642065801724},
            {2.57166670789338, 1.126419516591541, -6.368515166349605},
            {2.640218896171546, 1.3710437655633179, -6.741490281291587},
            {2.738104355960965, 1.9577091957883825, -7.161005832253377},
            {2.835713399553349, 1.952180871847679, -7.884477993849843},
            {2.93886322027565, 2.062996414446027, -8.422959617854845},
            {3.034563426516117, 1.9140041248093376, -9.066512448280669},
            {3.11926957036501, 1.6941228769778607, -9.578916368717943},
        };
        float[] observation = new float[3];
        for (int t = 0; t < actions.length; t++) {
            env.step(new float[] {actions[t]}, observation, result);
            assertRow(env.state(), expected[t], t);
        }
    }

    private void assertRow(double[] state, double[] expected, int t) {
        for (int i = 0; i < state.length; i++) {
            assertThat(state[i]).as("state[%d] after step %d", i, t).isCloseTo(expected[i], within(TOLERANCE));
        }
        assertThat(result.reward()).as("reward of step %d", t).isCloseTo(expected[state.length], within(TOLERANCE));
    }
}
