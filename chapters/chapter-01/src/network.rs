//! A network: an ordered list of layers, each feeding the next.

use ndarray::Array2;

use crate::{Layer, ShapeError};

// ANCHOR: network
/// A neural network: layers applied one after the other.
///
/// `L` is the kind of layer the network holds. Here it is `dyn Layer`, any
/// layer that can go forward; later chapters use the same type with layers
/// that can also go backward and learn.
pub struct Network<L: Layer + ?Sized = dyn Layer> {
    layers: Vec<Box<L>>,
}
// ANCHOR_END: network

impl<L: Layer + ?Sized> Network<L> {
    /// A network with the given layers, first layer first.
    #[must_use]
    pub fn new(layers: Vec<Box<L>>) -> Self {
        Self { layers }
    }

    /// The layers, first layer first.
    #[must_use]
    pub fn layers(&self) -> &[Box<L>] {
        &self.layers
    }

    /// The layers, mutably (for training, chapter 5).
    pub fn layers_mut(&mut self) -> &mut [Box<L>] {
        &mut self.layers
    }

    // ANCHOR: predict
    /// Feed `input` through every layer in turn and return the last output.
    ///
    /// Each layer's output is the next layer's input. A shape error says
    /// which layer (counting from 1) rejected its input.
    pub fn predict(&self, input: &Array2<f64>) -> Result<Array2<f64>, ShapeError> {
        let mut output = input.clone();
        for (index, layer) in self.layers.iter().enumerate() {
            output = layer
                .forward(&output)
                .map_err(|error| error.within(&self.position(index)))?;
        }
        Ok(output)
    }
    // ANCHOR_END: predict

    /// `layer 2 of 3`, for error messages.
    #[must_use]
    pub fn position(&self, index: usize) -> String {
        format!("layer {} of {}", index + 1, self.layers.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{OrPanic, assert_entries};
    use crate::{Dense, seeded_rng};
    use ndarray::array;

    #[test]
    fn an_empty_network_returns_its_input() {
        let network: Network = Network::new(vec![]);
        let x = array![[0.3], [-1.2]];
        assert_eq!(network.predict(&x).unwrap(), x);
    }

    #[test]
    fn feeds_each_output_into_the_next_layer() {
        let mut rng = seeded_rng(5);
        let first = Dense::random(2, 3, &mut rng);
        let second = Dense::random(3, 4, &mut rng);
        let x = array![[0.7], [-0.2]];
        let by_hand = second.forward(&first.forward(&x).or_panic()).or_panic();
        let network: Network = Network::new(vec![Box::new(first), Box::new(second)]);
        assert_entries(
            "the network's prediction",
            &network.predict(&x).or_panic(),
            &by_hand,
            1e-15,
        );
    }

    #[test]
    fn names_the_layer_that_rejects_its_input() {
        let mut rng = seeded_rng(5);
        let network: Network = Network::new(vec![
            Box::new(Dense::random(2, 3, &mut rng)),
            Box::new(Dense::random(4, 1, &mut rng)),
        ]);
        let error = network.predict(&array![[0.7], [-0.2]]).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("layer 2 of 2: dense layer (4 inputs → 1 output), forward"),
            "{error}"
        );
        assert_eq!(error.found, (3, 1), "{error}");
    }

    #[test]
    fn layers_are_the_given_layers_first_layer_first() {
        let mut rng = seeded_rng(8);
        let first = Dense::random(2, 3, &mut rng);
        let second = Dense::random(3, 4, &mut rng);
        let network = Network::new(vec![Box::new(first.clone()), Box::new(second.clone())]);
        let layers: Vec<&Dense> = network.layers().iter().map(AsRef::as_ref).collect();
        assert_eq!(layers, [&first, &second]);
    }

    #[test]
    fn changing_a_layer_through_layers_mut_changes_the_prediction() {
        let mut rng = seeded_rng(9);
        let first = Dense::random(2, 3, &mut rng);
        let second = Dense::random(3, 4, &mut rng);
        let mut network = Network::new(vec![Box::new(first.clone()), Box::new(second.clone())]);
        network.layers_mut()[1].parameters_mut().0[[2, 1]] += 0.75;

        let mut weights = second.weights().clone();
        weights[[2, 1]] += 0.75;
        let changed = Dense::new(weights, second.biases().clone()).or_panic();
        let x = array![[0.7], [-0.2]];
        let by_hand = changed.forward(&first.forward(&x).or_panic()).or_panic();
        assert!(
            network.layers()[1].as_ref() == &changed,
            "the second layer is not the changed one"
        );
        assert_entries(
            "the network's prediction",
            &network.predict(&x).or_panic(),
            &by_hand,
            1e-15,
        );
    }
}
